import {
  badInput,
  clinicDayRange,
  clinicTimezone,
  DomainError,
  groupedBy,
  inOrder,
  isUuid,
  LockMode,
  localDate,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  uuidArg,
  withEm,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import {
  ToothChange,
  ToothRecord,
  Treatment,
  TreatmentTooth,
  type BridgeRole,
  type TreatmentScope,
} from '../entities.ts';
import { OdontogramPatientDocument } from '../generated/operations.ts';
import {
  addTreatmentInput,
  setToothConditionInput,
  toothNumber as toothNumberSchema,
  type AddTreatmentInput,
} from '../inputs.ts';
import { treatmentStatus } from '../status.ts';
import { healthySurfaces, replayTeeth, treatmentAsOf, type OdontogramRef, type ToothState } from './chart.ts';
import {
  activeCatalogItem,
  priceSnapshot,
  requireSurfacesPriced,
  type CatalogItemRead,
  type PriceSnapshot,
} from './pricing.ts';
import {
  ATOMIC_MULTI_TOOTH_TYPES,
  SURFACE_TYPES,
  archOf,
  clinicalTypeOfCatalogCode,
  isClinicalType,
  type ClinicalType,
  type Surface,
} from './teeth.ts';

export type { OdontogramRef, PatientRef, ToothState } from './chart.ts';

/** A treatment's teeth once the rules have been applied (roles decided, surfaces checked). */
interface PlannedTooth {
  toothNumber: number;
  role: BridgeRole | null;
  surfaces: Surface[];
}

/** Where a tooth sits along its arch, from the patient's right (negative) to left: bridges end at the extremes. */
const archPosition = (tooth: number) => {
  const quadrant = Math.floor(tooth / 10);
  const position = tooth % 10;
  return [1, 4, 5, 8].includes(quadrant) ? -position : position;
};

const SCOPE_NAMES: Record<TreatmentScope, string> = {
  tooth: 'TOOTH',
  multi_tooth: 'MULTI_TOOTH',
  global_mouth: 'GLOBAL_MOUTH',
  global_arch: 'GLOBAL_ARCH',
};

/**
 * A clinic's dental charts: tooth conditions with their history, and clinical treatments priced from the
 * catalog. Every read and write is scoped to `identity.clinicId`; permissions are the caller's concern.
 */
export class OdontogramService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** The patient must be one of this clinic's (NOT_FOUND otherwise, also for another clinic's). */
  private async requirePatient(patientId: string): Promise<void> {
    uuidArg('patientId', patientId, 'patient id');
    const { patient } = await this.ctx.query(OdontogramPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
  }

  /** A patient's chart, now or as of the end of day `at` in the clinic's time zone. */
  async chart(patientId: string, at?: string | null): Promise<OdontogramRef> {
    await this.requirePatient(patientId);
    if (!at) return { patientId, at: null, cutoff: null };
    const { to } = clinicDayRange(at, await clinicTimezone(this.ctx.em, this.clinicId));
    return { patientId, at, cutoff: to };
  }

  /** Current teeth of many patients in one query (Patient.odontogram batches), by FDI number. */
  async teethOf(patientIds: readonly string[]): Promise<ToothRecord[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          ToothRecord,
          { clinicId: this.clinicId, patientId: { $in: valid } },
          { orderBy: { toothNumber: 'asc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (r) => r.patientId);
  }

  async teethAt(patientId: string, cutoff: Date): Promise<ToothState[]> {
    const changes = await this.ctx.em.find(
      ToothChange,
      { clinicId: this.clinicId, patientId, changedAt: { $lt: cutoff } },
      { orderBy: { changedAt: 'asc' } },
    );
    return replayTeeth(changes);
  }

  /** Treatments not deleted, of many patients in one query, oldest first. */
  async treatmentsOf(patientIds: readonly string[]): Promise<Treatment[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          Treatment,
          { clinicId: this.clinicId, patientId: { $in: valid }, deletedAt: null },
          { orderBy: { recordedAt: 'asc', id: 'asc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (r) => r.patientId);
  }

  /** Treatments as they stood at the cutoff: recorded before it, not deleted by then, with their status then. */
  async treatmentsAt(patientId: string, cutoff: Date): Promise<Treatment[]> {
    const rows = await this.ctx.em.find(
      Treatment,
      {
        clinicId: this.clinicId,
        patientId,
        recordedAt: { $lt: cutoff },
        $or: [{ deletedAt: null }, { deletedAt: { $gte: cutoff } }],
      },
      { orderBy: { recordedAt: 'asc', id: 'asc' } },
    );
    return rows.map((t) => treatmentAsOf(t, cutoff));
  }

  /** The teeth of many treatments in one query (Treatment.teeth batches). */
  async teethOfTreatments(treatmentIds: readonly string[]): Promise<TreatmentTooth[][]> {
    const rows = await this.ctx.em.find(
      TreatmentTooth,
      { clinicId: this.clinicId, treatmentId: { $in: [...treatmentIds] } },
      { orderBy: { toothNumber: 'asc' } },
    );
    return groupedBy(treatmentIds, rows, (r) => r.treatmentId);
  }

  async toothHistory(patientId: string, toothNumber: number): Promise<ToothChange[]> {
    parseInput(toothNumberSchema, toothNumber);
    await this.requirePatient(patientId);
    return this.ctx.em.find(
      ToothChange,
      { clinicId: this.clinicId, patientId, toothNumber },
      { orderBy: { changedAt: 'desc' } },
    );
  }

  /** The days (clinic time zone) on which a tooth changed or a treatment was recorded, performed or deleted. */
  async days(patientId: string): Promise<{ date: string; toothChanges: number; treatments: number }[]> {
    await this.requirePatient(patientId);
    const tz = await clinicTimezone(this.ctx.em, this.clinicId);
    const where = { clinicId: this.clinicId, patientId };
    const [changes, treatments] = await Promise.all([
      this.ctx.em.find(ToothChange, where, { fields: ['changedAt'] }),
      this.ctx.em.find(Treatment, where, { fields: ['recordedAt', 'performedAt', 'deletedAt'] }),
    ]);
    const days = new Map<string, { date: string; toothChanges: number; treatments: number }>();
    const day = (instant: Date) => {
      const date = localDate(instant, tz);
      const entry = days.get(date) ?? { date, toothChanges: 0, treatments: 0 };
      days.set(date, entry);
      return entry;
    };
    for (const c of changes) day(c.changedAt).toothChanges++;
    for (const t of treatments)
      for (const instant of [t.recordedAt, t.performedAt, t.deletedAt]) if (instant) day(instant).treatments++;
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  async get(id: string): Promise<Treatment | null> {
    uuidArg('id', id, 'treatment id');
    return this.ctx.em.findOne(Treatment, { id, clinicId: this.clinicId });
  }

  async getMany(ids: readonly string[]): Promise<(Treatment | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.ctx.em.find(Treatment, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    return inOrder(ids, rows, (t) => t.id);
  }

  /** A treatment of this clinic that is not deleted, locked for the change. */
  private async requireLive(em: EntityManager, id: string): Promise<Treatment> {
    uuidArg('id', id, 'treatment id');
    const treatment = await em.findOne(
      Treatment,
      { id, clinicId: this.clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!treatment || treatment.deletedAt) throw notFound('Treatment', id);
    return treatment;
  }

  /**
   * Sets a tooth's condition, surfaces and notes; creates its record on first use. Each changed field is one
   * history row (one per surface), all stamped with the same instant, and one `odontogram.tooth.updated`.
   */
  async setToothCondition(raw: unknown): Promise<ToothRecord> {
    const input = parseInput(setToothConditionInput, raw);
    await this.requirePatient(input.patientId);
    try {
      return await this.ctx.em.transactional(async (em) => {
        const now = new Date();
        const who = this.ctx.identity.userId;
        const key = { clinicId: this.clinicId, patientId: input.patientId, toothNumber: input.toothNumber };
        let tooth = await em.findOne(ToothRecord, key, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const history: Omit<ToothChange, 'id'>[] = [];
        const change = (c: Pick<ToothChange, 'changeType'> & Partial<ToothChange>) =>
          history.push({
            ...key,
            surface: null,
            oldCondition: null,
            newCondition: null,
            notes: null,
            changedBy: who,
            changedAt: now,
            ...c,
          });
        if (!tooth) {
          tooth = em.create(ToothRecord, { ...key, condition: 'healthy', surfaces: healthySurfaces(), notes: null });
          change({ changeType: 'created', newCondition: 'healthy' });
        }
        if (input.condition && input.condition !== tooth.condition) {
          change({ changeType: 'condition', oldCondition: tooth.condition, newCondition: input.condition });
          tooth.condition = input.condition;
        }
        const surfaces = { ...tooth.surfaces };
        for (const s of input.surfaces ?? [])
          if (surfaces[s.surface] !== s.condition) {
            change({
              changeType: 'surface',
              surface: s.surface,
              oldCondition: surfaces[s.surface],
              newCondition: s.condition,
            });
            surfaces[s.surface] = s.condition;
          }
        tooth.surfaces = surfaces;
        if (input.notes !== undefined && (input.notes ?? null) !== tooth.notes) {
          change({ changeType: 'note', notes: input.notes ?? null });
          tooth.notes = input.notes ?? null;
        }
        if (!history.length) return tooth;
        for (const row of history) em.create(ToothChange, row);
        await em.flush();
        await publish(em, 'odontogram.tooth.updated', {
          clinic_id: this.clinicId,
          patient_id: input.patientId,
          tooth_number: input.toothNumber,
          changes: history.map((h) => ({
            change_type: h.changeType,
            surface: h.surface,
            old_condition: h.oldCondition,
            new_condition: h.newCondition,
          })),
          changed_by: who,
        });
        return tooth;
      });
    } catch (e) {
      if (pgErrorCode(e) === '23505')
        throw new DomainError('CONFLICT', `Tooth ${input.toothNumber} was being charted at the same time; try again.`);
      throw e;
    }
  }

  /** Records a treatment: the rules of scope, teeth, surfaces and bridge roles, then the catalog's price. */
  async addTreatment(raw: unknown): Promise<Treatment> {
    const input = parseInput(addTreatmentInput, raw);
    await this.requirePatient(input.patientId);
    const item = input.catalogItemId ? await activeCatalogItem(this.ctx, input.catalogItemId) : null;
    const scope = scopeOf(input);
    const clinicalType = clinicalTypeOf(input, item, scope);
    const teeth = plannedTeeth(input, clinicalType, scope);
    if (item) requireSurfacesPriced(item, teeth);
    const snapshot: PriceSnapshot | null = item ? await priceSnapshot(this.ctx, item, teeth) : null;

    return this.ctx.em.transactional(async (em) => {
      const now = new Date();
      const who = this.ctx.identity.userId;
      const performed = input.status === 'performed';
      const treatment = em.create(Treatment, {
        clinicId: this.clinicId,
        patientId: input.patientId,
        clinicalType,
        scope,
        arch: scope === 'global_arch' ? (input.arch ?? null) : null,
        catalogItemId: item?.id ?? null,
        status: input.status,
        recordedAt: now,
        recordedBy: who,
        performedAt: performed ? now : null,
        performedBy: performed ? who : null,
        price: snapshot?.price ?? null,
        durationMinutes: snapshot?.durationMinutes ?? null,
        vatRate: snapshot?.vatRate ?? null,
        notes: input.notes ?? null,
        deletedAt: null,
        deletedBy: null,
      });
      await em.flush(); // the id is given on insert
      for (const t of teeth) em.create(TreatmentTooth, { clinicId: this.clinicId, treatmentId: treatment.id, ...t });
      await em.flush();
      await publish(em, performed ? 'odontogram.treatment.performed' : 'odontogram.treatment.planned', {
        ...this.eventOf(treatment, teeth),
        ...(performed ? { performed_by: who, performed_at: now.toISOString(), previous_status: null } : {}),
      });
      return treatment;
    });
  }

  /** PLANNED → PERFORMED by the caller, now (performing twice is refused, so it is never booked twice). */
  async perform(id: string): Promise<Treatment> {
    return this.ctx.em.transactional(async (em) => {
      const treatment = await new OdontogramService(withEm(this.ctx, em)).requireLive(em, id);
      treatmentStatus.assertTransition(treatment.status, 'performed');
      const previous = treatment.status;
      treatment.status = 'performed';
      treatment.performedAt = new Date();
      treatment.performedBy = this.ctx.identity.userId;
      await em.flush();
      const teeth = await em.find(TreatmentTooth, { treatmentId: treatment.id }, { orderBy: { toothNumber: 'asc' } });
      await publish(em, 'odontogram.treatment.performed', {
        ...this.eventOf(treatment, teeth),
        performed_by: treatment.performedBy,
        performed_at: treatment.performedAt.toISOString(),
        previous_status: previous,
      });
      return treatment;
    });
  }

  /** Soft delete: it leaves the chart (also a performed one recorded by mistake) but is kept. */
  async delete(id: string): Promise<Treatment> {
    return this.ctx.em.transactional(async (em) => {
      const treatment = await new OdontogramService(withEm(this.ctx, em)).requireLive(em, id);
      treatment.deletedAt = new Date();
      treatment.deletedBy = this.ctx.identity.userId;
      await em.flush();
      const teeth = await em.find(TreatmentTooth, { treatmentId: treatment.id }, { orderBy: { toothNumber: 'asc' } });
      await publish(em, 'odontogram.treatment.deleted', {
        ...this.eventOf(treatment, teeth),
        deleted_by: treatment.deletedBy,
      });
      return treatment;
    });
  }

  private eventOf(treatment: Treatment, teeth: readonly { toothNumber: number }[]) {
    return {
      clinic_id: this.clinicId,
      patient_id: treatment.patientId,
      treatment_id: treatment.id,
      clinical_type: treatment.clinicalType,
      status: treatment.status,
      catalog_item_id: treatment.catalogItemId,
      tooth_numbers: teeth.map((t) => t.toothNumber),
      price: treatment.price,
    };
  }
}

/** The scope given, or the one the teeth imply; then the rules every scope has. */
function scopeOf(input: AddTreatmentInput): TreatmentScope {
  const count = input.teeth?.length ?? 0;
  const scope = input.scope ?? (count === 1 ? 'tooth' : count > 1 ? 'multi_tooth' : null);
  if (!scope)
    throw badInput(
      'Give the teeth this treatment covers, or scope GLOBAL_MOUTH (whole mouth) or GLOBAL_ARCH (one arch).',
    );
  const name = SCOPE_NAMES[scope];
  if (scope === 'tooth' && count !== 1) throw badInput(`A TOOTH treatment covers exactly one tooth; ${count} given.`);
  if (scope === 'multi_tooth' && count < 2)
    throw badInput(`A MULTI_TOOTH treatment covers two or more teeth; ${count} given. Use scope TOOTH for one.`);
  if ((scope === 'global_mouth' || scope === 'global_arch') && count)
    throw badInput(`A ${name} treatment covers no single teeth: leave teeth out.`);
  if (scope === 'global_arch' && !input.arch) throw badInput('A GLOBAL_ARCH treatment needs its arch: UPPER or LOWER.');
  if (scope !== 'global_arch' && input.arch)
    throw badInput(`arch is only for GLOBAL_ARCH treatments; leave it out for a ${name} treatment.`);
  return scope;
}

/** The clinical type given or the one the catalog item stands for; they must agree. */
function clinicalTypeOf(input: AddTreatmentInput, item: CatalogItemRead | null, scope: TreatmentScope): ClinicalType {
  const given = input.clinicalType?.toLowerCase() ?? null;
  if (given && !isClinicalType(given))
    throw badInput(
      `clinicalType "${input.clinicalType}" is not a clinical type (e.g. caries, filling_composite, crown, bridge, extraction, root_canal_full, implant).`,
    );
  const fromItem = item ? clinicalTypeOfCatalogCode(item.code) : null;
  if (given && fromItem && given !== fromItem) {
    const message = `The catalog item ${item!.code} is a ${fromItem} treatment, not ${given}: leave clinicalType out or pick another item.`;
    throw badInput(message, { fields: [{ field: 'catalogItemId', rule: 'mismatch', message }] });
  }
  const type = (given as ClinicalType | null) ?? fromItem;
  if (type) return type;
  if (item && (scope === 'global_mouth' || scope === 'global_arch')) return 'other';
  throw badInput(
    item
      ? `Say which clinicalType the catalog item ${item.code} is for on these teeth (e.g. filling_composite, crown).`
      : 'Give a clinicalType (a diagnosis such as caries) or a catalogItemId to record.',
  );
}

/** The teeth with surfaces checked against the type and bridge roles decided. */
function plannedTeeth(input: AddTreatmentInput, type: ClinicalType, scope: TreatmentScope): PlannedTooth[] {
  const teeth = input.teeth ?? [];
  const withSurfaces = teeth.findIndex((t) => t.surfaces?.length);
  if (withSurfaces >= 0 && !SURFACE_TYPES.has(type)) {
    const { toothNumber, surfaces } = teeth[withSurfaces];
    const message = `${type} covers the whole tooth: leave surfaces out (tooth ${toothNumber} lists ${surfaces!.map((s) => s.toUpperCase()).join(', ')}).`;
    throw badInput(message, { fields: [{ field: `teeth.${withSurfaces}.surfaces`, rule: 'not_allowed', message }] });
  }
  if (ATOMIC_MULTI_TOOTH_TYPES.has(type) && scope !== 'multi_tooth')
    throw badInput(`A ${type} spans two or more teeth: give them all (scope MULTI_TOOTH).`);
  const withRole = teeth.find((t) => t.role);
  if (withRole && type !== 'bridge')
    throw badInput(`Only bridges have PILLAR and PONTIC teeth; leave role out of tooth ${withRole.toothNumber}.`);
  if (ATOMIC_MULTI_TOOTH_TYPES.has(type) && new Set(teeth.map((t) => archOf(t.toothNumber))).size > 1)
    throw badInput(`A ${type} joins teeth of one arch; ${teeth.map((t) => t.toothNumber).join(', ')} span both.`);
  let roles: (BridgeRole | null)[] = teeth.map(() => null);
  if (type === 'bridge') {
    if (withRole) roles = teeth.map((t) => t.role ?? 'pontic');
    else {
      // Without roles the teeth at either end of the span carry it.
      const positions = teeth.map((t) => archPosition(t.toothNumber));
      const [min, max] = [Math.min(...positions), Math.max(...positions)];
      roles = positions.map((p) => (p === min || p === max ? 'pillar' : 'pontic'));
    }
    if (!roles.includes('pillar'))
      throw badInput('A bridge needs at least one PILLAR tooth to carry it; mark the supporting teeth as PILLAR.');
  }
  return teeth.map((t, i) => ({ toothNumber: t.toothNumber, role: roles[i], surfaces: t.surfaces ?? [] }));
}
