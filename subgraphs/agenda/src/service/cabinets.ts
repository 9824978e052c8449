import {
  DomainError,
  inOrder,
  isUuid,
  notFound,
  parseInput,
  readRows,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import { Cabinet } from '../entities.ts';
import { cabinetInput } from '../inputs.ts';

/** The cabinet every clinic gets: existing clinics at install, new ones on `clinic.created`. */
export const DEFAULT_CABINET = { name: 'Room 1', color: '#3B82F6' };

/** A default cabinet for a clinic that has none (idempotent: a clinic with cabinets is left alone). */
export async function ensureDefaultCabinet(em: EntityManager, clinicId: string): Promise<void> {
  await em.getConnection().execute(
    `insert into cabinets (id, clinic_id, name, color, display_order)
     select gen_random_uuid(), ?, ?, ?, 1
     where not exists (select 1 from cabinets where clinic_id = ?)
     on conflict (clinic_id, name) do nothing`,
    [clinicId, DEFAULT_CABINET.name, DEFAULT_CABINET.color, clinicId],
    'run',
    em.getTransactionContext(),
  );
}

/** The treatment rooms of the caller's clinic. */
export class CabinetService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  list(): Promise<Cabinet[]> {
    return readRows(
      this.ctx.em,
      Cabinet,
      { clinicId: this.clinicId },
      { orderBy: { displayOrder: 'asc', name: 'asc' } },
    );
  }

  async byIds(ids: readonly string[]): Promise<(Cabinet | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await readRows(this.ctx.em, Cabinet, { id: { $in: valid }, clinicId: this.clinicId })
      : [];
    return inOrder(ids, rows, (c) => c.id);
  }

  async create(raw: unknown): Promise<Cabinet> {
    const input = parseInput(cabinetInput, raw);
    return this.ctx.em.transactional(async (em) => {
      if (await em.count(Cabinet, { clinicId: this.clinicId, name: input.name }))
        throw new DomainError('CONFLICT', `A cabinet named "${input.name}" already exists in this clinic.`);
      const [{ next }] = await em
        .getConnection()
        .execute(
          `select coalesce(max(display_order), 0) + 1 as next from cabinets where clinic_id = ?`,
          [this.clinicId],
          'all',
          em.getTransactionContext(),
        );
      const cabinet = em.create(Cabinet, {
        clinicId: this.clinicId,
        name: input.name,
        color: input.color ?? DEFAULT_CABINET.color,
        displayOrder: input.displayOrder ?? Number(next),
        isActive: input.isActive ?? true,
      });
      await em.flush();
      return cabinet;
    });
  }

  /** A cabinet an appointment may be given: of this clinic and active. */
  async requireActive(cabinetId: string): Promise<Cabinet> {
    const cabinet = await this.ctx.em.findOne(Cabinet, { id: cabinetId, clinicId: this.clinicId });
    if (!cabinet) throw notFound('Cabinet', cabinetId);
    if (!cabinet.isActive) throw new DomainError('BAD_USER_INPUT', `Cabinet "${cabinet.name}" is not active.`);
    return cabinet;
  }
}
