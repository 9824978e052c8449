import { groupedBy, isUuid, notFound, parseInput, type ServiceContext } from '@dentalpin/core';
import { TimelineEntry } from './entities.ts';
import { categoryInput, timelineInput } from './inputs.ts';
import type { Category } from './status.ts';

/** What a redacted entry says instead of its title: that something of this kind happened, nothing more. */
const GENERIC_TITLES: Record<Category, string> = {
  visit: 'Appointment updated',
  treatment: 'Treatment updated',
  financial: 'Financial record updated',
  communication: 'Message activity',
  medical: 'Medical history updated',
  document: 'Document updated',
  note: 'Patient record updated',
};

/** A timeline entry as one reader may see it (`category` as stored: GraphQL's enum map shows it as VISIT…). */
export interface ShownEntry {
  id: string;
  type: string;
  category: Category;
  title: string;
  description: string | null;
  occurredAt: Date;
  data: Record<string, unknown> | null;
}

/**
 * An entry for a reader who holds the permissions `may` answers for: with its details only if the reader
 * holds the permission guarding them at their source; otherwise its kind and time under a generic title.
 */
export function shownEntry(entry: TimelineEntry, may: (permission: string) => boolean): ShownEntry {
  const visible = may(entry.detailPermission);
  return {
    id: entry.id,
    type: entry.eventType,
    category: entry.category,
    title: visible ? entry.title : GENERIC_TITLES[entry.category],
    description: visible ? (entry.description ?? null) : null,
    occurredAt: entry.occurredAt,
    data: visible ? entry.eventData : null,
  };
}

/** Timeline entries of the caller's clinic's patients, newest first. */
export class TimelineService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  async page(raw: unknown) {
    const input = parseInput(timelineInput, raw);
    const [patient] = await this.ctx.em
      .getConnection()
      .execute(`select 1 from patients where id = ? and clinic_id = ?`, [input.patientId, this.clinicId]);
    if (!patient) throw notFound('Patient', input.patientId);
    const [entries, total] = await this.ctx.em.findAndCount(
      TimelineEntry,
      {
        clinicId: this.clinicId,
        patientId: input.patientId,
        ...(input.category ? { category: input.category } : {}),
      },
      {
        orderBy: { occurredAt: 'desc', id: 'desc' },
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      },
    );
    return { entries, total, page: input.page, pageSize: input.pageSize, hasMore: input.page * input.pageSize < total };
  }

  /** The newest `first` entries of each patient (one query for the whole batch: no N+1). */
  async latestFor(patientIds: readonly string[], cat: Category | null, first: number): Promise<TimelineEntry[][]> {
    const valid = patientIds.filter(isUuid);
    if (!valid.length) return patientIds.map(() => []);
    const rows: { id: string }[] = await this.ctx.em.getConnection().execute(
      `select id from (
         select id, row_number() over (partition by patient_id order by occurred_at desc, id desc) as n
         from patient_timeline where clinic_id = ? and patient_id in (${valid.map(() => '?').join(', ')}) ${cat ? 'and category = ?' : ''}
       ) ranked where n <= ?`,
      [this.clinicId, ...valid, ...(cat ? [cat] : []), first],
    );
    const entries = rows.length
      ? await this.ctx.em.find(
          TimelineEntry,
          { id: { $in: rows.map((r) => r.id) } },
          { orderBy: { occurredAt: 'desc', id: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, entries, (e) => e.patientId);
  }
}

export const parseCategory = (raw: unknown): Category | null => parseInput(categoryInput, raw) ?? null;
