import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DomainError,
  groupedBy,
  hasPermission,
  inOrder,
  isUuid,
  notFound,
  parseInput,
  publish,
  readInParallel,
  withEm,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import {
  Allergy,
  EmergencyContact,
  LegalGuardian,
  MedicalAuditEntry,
  MedicalContext,
  Medication,
  SurgicalProcedure,
  SystemicDisease,
  type MedicalSection,
} from '../entities.ts';
import type { MedicalUpdatedEvent } from '../events.ts';
import { medicalContextInput, patientId, recordId, removalReason } from '../inputs.ts';
import { computeAlerts, withoutDetail, type MedicalAlert } from './alerts.ts';
import {
  changedFields,
  CONTEXT_FIELDS,
  LIST_SECTIONS,
  ONE_TO_ONE_SECTIONS,
  pick,
  type ListRecord,
  type ListSection,
  type OneToOneRecord,
  type Row,
} from './sections.ts';

export { LIST_SECTION_NAMES, SECTION_AREA, type ListSection } from './sections.ts';

export interface MedicalContextView {
  patientId: string;
  isPregnant: boolean;
  pregnancyWeek: number | null;
  isLactating: boolean;
  isSmoker: boolean;
  smokingFrequency: string | null;
  alcoholConsumption: string | null;
  bruxism: boolean;
  anesthesiaAdverseReaction: boolean;
  anesthesiaReactionDetails: string | null;
  notes: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
  allergies: Allergy[];
  medications: Medication[];
  systemicDiseases: SystemicDisease[];
  surgicalHistory: SurgicalProcedure[];
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One change as the audit trail stores it. `summary` says it in English; `subject`, `subjectSeverity` and
 * `changedFields` (with the section, the action and the reason) let a client say it in its person's language.
 */
interface AuditChange {
  patientId: string;
  section: MedicalSection;
  recordId: string;
  action: MedicalAuditEntry['action'];
  before: Row | null;
  after: Row | null;
  reason?: string;
  summary: string;
  /** The record's own words; none for the medical context. */
  subject?: string;
  subjectSeverity?: Allergy['severity'] | null;
  /** The fields the change set (API names); none on an addition or a removal of a record. */
  changedFields?: string[];
}

/** The alerts of one patient's medical history, as of today (the rule itself is computeAlerts). */
export const alertsOf = (history: MedicalContextView): MedicalAlert[] =>
  computeAlerts(
    {
      context: history,
      allergies: history.allergies,
      medications: history.medications,
      diseases: history.systemicDiseases,
    },
    today(),
  );

/**
 * The medical history of the patients of the caller's clinic. Every read and write is scoped to
 * `identity.clinicId` and to patients of that clinic (checked against the patients module's table).
 * Nothing is ever deleted: removal is a soft delete with a reason, and every change writes one
 * append-only audit row and one `patient.medical_updated` event, in the same transaction.
 */
export class MedicalHistoryService {
  constructor(private readonly ctx: ServiceContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  private get userId(): string {
    return this.ctx.identity.userId;
  }

  // ---------------------------------------------------------------- patients of the clinic

  /** Patients (of `ids`) that belong to the caller's clinic, with their status. One query. */
  async patientsOfClinic(ids: readonly string[]): Promise<Map<string, 'active' | 'archived'>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return new Map();
    const query = this.em
      .getConnection()
      .getKnex()('patients')
      .select('id', 'status')
      .where('clinic_id', this.clinicId)
      .whereIn('id', valid);
    const trx = this.em.getTransactionContext();
    const rows: { id: string; status: 'active' | 'archived' }[] = await (trx ? query.transacting(trx) : query);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** The patient must exist in the caller's clinic (NOT_FOUND otherwise, also for other clinics' patients). */
  private async requirePatient(id: string, forWrite = false): Promise<void> {
    parseInput(z.object({ patientId }), { patientId: id });
    const status = (await this.patientsOfClinic([id])).get(id);
    if (!status) throw notFound('Patient', id);
    if (forWrite && status === 'archived')
      throw new DomainError(
        'CONFLICT',
        'This patient is archived; the medical history of archived patients is read-only.',
      );
  }

  // ---------------------------------------------------------------- reads

  /** Active records of one list section for many patients: one query, grouped by patient. */
  private async activeRecords<S extends ListSection>(section: S, ids: readonly string[]) {
    const { entity } = LIST_SECTIONS[section];
    const rows = (await this.em.find(
      entity as never,
      { clinicId: this.clinicId, patientId: { $in: [...ids] }, deletedAt: null } as never,
      { orderBy: { createdAt: 'asc', id: 'asc' } as never },
    )) as Row[];
    return groupedBy(ids, rows, (r) => r.patientId as string);
  }

  private async contextRows(ids: readonly string[]) {
    const rows = await this.em.find(MedicalContext, { clinicId: this.clinicId, patientId: { $in: [...ids] } });
    return inOrder(ids, rows, (r) => r.patientId);
  }

  /** The medical context of many patients (already known to be of this clinic): five queries in all. */
  async contextsFor(ids: readonly string[]): Promise<MedicalContextView[]> {
    const [contexts, allergies, medications, diseases, surgery] = await readInParallel(this.em, [
      () => this.contextRows(ids),
      () => this.activeRecords('allergy', ids),
      () => this.activeRecords('medication', ids),
      () => this.activeRecords('systemic_disease', ids),
      () => this.activeRecords('surgical_procedure', ids),
    ] as const);
    return ids.map((id, i) => {
      const c = contexts[i];
      return {
        patientId: id,
        isPregnant: c?.isPregnant ?? false,
        pregnancyWeek: c?.pregnancyWeek ?? null,
        isLactating: c?.isLactating ?? false,
        isSmoker: c?.isSmoker ?? false,
        smokingFrequency: c?.smokingFrequency ?? null,
        alcoholConsumption: c?.alcoholConsumption ?? null,
        bruxism: c?.bruxism ?? false,
        anesthesiaAdverseReaction: c?.anesthesiaAdverseReaction ?? false,
        anesthesiaReactionDetails: c?.anesthesiaReactionDetails ?? null,
        notes: c?.notes ?? null,
        updatedAt: c?.updatedAt ?? null,
        updatedBy: c?.updatedBy ?? null,
        allergies: allergies[i] as unknown as Allergy[],
        medications: medications[i] as unknown as Medication[],
        systemicDiseases: diseases[i] as unknown as SystemicDisease[],
        surgicalHistory: surgery[i] as unknown as SurgicalProcedure[],
      };
    });
  }

  /**
   * Medical alerts of many patients: the same five queries as their context, whatever their number.
   * The detail (allergen, drug, INR) only for callers with medical.read; the kind of alert for everyone.
   */
  async alertsFor(ids: readonly string[]): Promise<MedicalAlert[][]> {
    return (await this.contextsFor(ids)).map((history) => this.visibleAlerts(alertsOf(history)));
  }

  /** The alerts as this caller may read them. */
  visibleAlerts(alerts: MedicalAlert[]): MedicalAlert[] {
    return hasPermission(this.ctx.identity.grants, 'patients_clinical.medical.read')
      ? alerts
      : alerts.map(withoutDetail);
  }

  async context(id: string): Promise<MedicalContextView> {
    await this.requirePatient(id);
    return (await this.contextsFor([id]))[0];
  }

  async alerts(id: string): Promise<MedicalAlert[]> {
    await this.requirePatient(id);
    return (await this.alertsFor([id]))[0];
  }

  async emergencyContactsFor(ids: readonly string[]) {
    const rows = await this.em.find(EmergencyContact, {
      clinicId: this.clinicId,
      patientId: { $in: [...ids] },
      deletedAt: null,
    });
    return inOrder(ids, rows, (r) => r.patientId);
  }

  async legalGuardiansFor(ids: readonly string[]) {
    const rows = await this.em.find(LegalGuardian, {
      clinicId: this.clinicId,
      patientId: { $in: [...ids] },
      deletedAt: null,
    });
    return inOrder(ids, rows, (r) => r.patientId);
  }

  async emergencyContact(id: string) {
    await this.requirePatient(id);
    return (await this.emergencyContactsFor([id]))[0];
  }

  async legalGuardian(id: string) {
    await this.requirePatient(id);
    return (await this.legalGuardiansFor([id]))[0];
  }

  /** The audit trail of one patient, newest first, limited to the sections the caller may read. */
  async audit(id: string, sections: readonly MedicalSection[], limit = 100) {
    await this.requirePatient(id);
    const size = parseInput(
      z.number().int().min(1, 'must be between 1 and 500').max(500, 'must be between 1 and 500'),
      limit,
    );
    return this.em.find(
      MedicalAuditEntry,
      { clinicId: this.clinicId, patientId: id, section: { $in: [...sections] } },
      { orderBy: { changedAt: 'desc', id: 'desc' }, limit: size },
    );
  }

  // ---------------------------------------------------------------- writes

  async updateContext(id: string, raw: unknown): Promise<MedicalContextView> {
    const input = parseInput(medicalContextInput, raw);
    await this.requirePatient(id, true);
    await this.em.transactional(async (em) => {
      let row = await em.findOne(MedicalContext, { patientId: id, clinicId: this.clinicId });
      const before = row ? pick(row, CONTEXT_FIELDS) : null;
      if (!row)
        // Every field explicit: column defaults only reach the entity after the insert, and the audit
        // row's `after` is taken before it.
        row = em.create(MedicalContext, {
          patientId: id,
          clinicId: this.clinicId,
          isPregnant: false,
          pregnancyWeek: null,
          isLactating: false,
          isSmoker: false,
          smokingFrequency: null,
          alcoholConsumption: null,
          bruxism: false,
          anesthesiaAdverseReaction: false,
          anesthesiaReactionDetails: null,
          notes: null,
          createdBy: this.userId,
          updatedBy: this.userId,
        });
      // No longer pregnant: the week goes with it.
      if (input.isPregnant === false && input.pregnancyWeek === undefined) input.pregnancyWeek = null;
      this.assign(row, input, ['isPregnant', 'isLactating', 'isSmoker', 'bruxism', 'anesthesiaAdverseReaction']);
      if (row.pregnancyWeek != null && !row.isPregnant)
        throw new DomainError('BAD_USER_INPUT', 'pregnancyWeek can only be set when isPregnant is true.', {
          fields: [{ field: 'pregnancyWeek', message: 'can only be set when isPregnant is true' }],
        });
      const after = pick(row, CONTEXT_FIELDS);
      const changed = before ? changedFields(before, after) : Object.keys(after).filter((k) => after[k]);
      if (before && !changed.length) return;
      row.updatedBy = this.userId;
      await this.recordChange(em, {
        patientId: id,
        section: 'medical_context',
        recordId: id,
        action: before ? 'update' : 'create',
        before,
        after,
        changedFields: changed,
        summary: `Medical context ${before ? 'updated' : 'recorded'}${changed.length ? `: ${changed.join(', ')}` : ''}`,
      });
    });
    return (await this.contextsFor([id]))[0];
  }

  async addRecord<S extends ListSection>(section: S, id: string, raw: unknown): Promise<ListRecord[S]> {
    const desc = LIST_SECTIONS[section];
    const input = parseInput(desc.create as z.ZodType<Row>, raw);
    await this.requirePatient(id, true);
    return this.em.transactional(async (em) => {
      const values = { ...desc.defaults, ...this.storedValues(input) };
      const row = em.create(
        desc.entity as never,
        {
          id: randomUUID(),
          clinicId: this.clinicId,
          patientId: id,
          ...values,
          createdBy: this.userId,
          updatedBy: this.userId,
        } as never,
      ) as Row;
      this.checkRecord(section, row);
      const after = pick(row, desc.fields);
      await this.recordChange(em, {
        patientId: id,
        section,
        recordId: row.id as string,
        action: 'create',
        before: null,
        after,
        ...this.subjectOf(section, row),
        summary: `${desc.noun} added: ${desc.label(row)}`,
      });
      return row as unknown as ListRecord[S];
    });
  }

  async updateRecord<S extends ListSection>(section: S, id: string, raw: unknown): Promise<ListRecord[S]> {
    const desc = LIST_SECTIONS[section];
    parseInput(z.object({ id: recordId }), { id });
    const input = parseInput(desc.update as z.ZodType<Row>, raw);
    return this.em.transactional(async (em) => {
      const row = await this.requireRecord(em, section, id, true);
      const before = pick(row, desc.fields);
      for (const [key, value] of Object.entries(this.storedValues(input))) {
        row[key] = value;
      }
      // No longer an anticoagulant: the INR goes with it.
      if (section === 'medication' && input.isAnticoagulant === false) {
        if (input.inrValue === undefined) row.inrValue = null;
        if (input.inrDate === undefined) row.inrDate = null;
      }
      this.checkRecord(section, row);
      const after = pick(row, desc.fields);
      const changed = changedFields(before, after);
      if (!changed.length) return row as unknown as ListRecord[S];
      row.updatedBy = this.userId;
      await this.recordChange(em, {
        patientId: row.patientId as string,
        section,
        recordId: id,
        action: 'update',
        before,
        after,
        ...this.subjectOf(section, row),
        changedFields: changed,
        summary: `${desc.noun} updated: ${desc.label(row)} (${changed.join(', ')})`,
      });
      return row as unknown as ListRecord[S];
    });
  }

  /** Soft delete: the row stays, marked with who removed it, when and why. */
  async removeRecord<S extends ListSection>(section: S, id: string, reason: unknown): Promise<ListRecord[S]> {
    const desc = LIST_SECTIONS[section];
    const input = parseInput(z.object({ id: recordId, reason: removalReason }), { id, reason });
    return this.em.transactional(async (em) => {
      const row = await this.requireRecord(em, section, id, true);
      row.deletedAt = new Date();
      row.deletedBy = this.userId;
      row.deletionReason = input.reason;
      await this.recordChange(em, {
        patientId: row.patientId as string,
        section,
        recordId: id,
        action: 'remove',
        before: pick(row, desc.fields),
        after: null,
        reason: input.reason,
        ...this.subjectOf(section, row),
        summary: `${desc.noun} removed: ${desc.label(row)} — ${input.reason}`,
      });
      return row as unknown as ListRecord[S];
    });
  }

  async setEmergencyContact(id: string, raw: unknown) {
    return this.setOneToOne('emergency_contact', id, raw);
  }

  async setLegalGuardian(id: string, raw: unknown) {
    return this.setOneToOne('legal_guardian', id, raw);
  }

  async clearEmergencyContact(id: string, reason: unknown) {
    return this.clearOneToOne('emergency_contact', id, reason);
  }

  async clearLegalGuardian(id: string, reason: unknown) {
    return this.clearOneToOne('legal_guardian', id, reason);
  }

  // ---------------------------------------------------------------- internals

  /** Creates or replaces the patient's emergency contact / legal guardian (a removed one comes back). */
  private async setOneToOne<S extends keyof OneToOneRecord>(
    section: S,
    id: string,
    raw: unknown,
  ): Promise<OneToOneRecord[S]> {
    const desc = ONE_TO_ONE_SECTIONS[section];
    const input = parseInput(desc.input as z.ZodType<Row>, raw);
    await this.requirePatient(id, true);
    return this.em.transactional(async (em) => {
      let row = (await em.findOne(
        desc.entity as never,
        { patientId: id, clinicId: this.clinicId } as never,
      )) as Row | null;
      const before = row && !row.deletedAt ? pick(row, desc.fields) : null;
      const values = { ...desc.defaults, ...input };
      if (!row)
        row = em.create(
          desc.entity as never,
          {
            patientId: id,
            clinicId: this.clinicId,
            ...values,
            createdBy: this.userId,
            updatedBy: this.userId,
          } as never,
        ) as Row;
      else {
        Object.assign(row, values, { deletedAt: null, deletedBy: null, deletionReason: null });
      }
      const after = pick(row, desc.fields);
      const changed = before ? changedFields(before, after) : [];
      if (before && !changed.length) return row as unknown as OneToOneRecord[S];
      row.updatedBy = this.userId;
      await this.recordChange(em, {
        patientId: id,
        section,
        recordId: id,
        action: before ? 'update' : 'create',
        before,
        after,
        subject: String(after.name),
        changedFields: changed,
        summary: `${desc.noun} ${before ? `updated (${changed.join(', ')})` : 'set'}: ${after.name}`,
      });
      return row as unknown as OneToOneRecord[S];
    });
  }

  private async clearOneToOne<S extends keyof OneToOneRecord>(
    section: S,
    id: string,
    reason: unknown,
  ): Promise<OneToOneRecord[S]> {
    const desc = ONE_TO_ONE_SECTIONS[section];
    const input = parseInput(z.object({ reason: removalReason }), { reason });
    await this.requirePatient(id, true);
    return this.em.transactional(async (em) => {
      const row = (await em.findOne(
        desc.entity as never,
        {
          patientId: id,
          clinicId: this.clinicId,
          deletedAt: null,
        } as never,
      )) as Row | null;
      if (!row) throw notFound(`${desc.noun} of patient ${id}`);
      row.deletedAt = new Date();
      row.deletedBy = this.userId;
      row.deletionReason = input.reason;
      await this.recordChange(em, {
        patientId: id,
        section,
        recordId: id,
        action: 'remove',
        before: pick(row, desc.fields),
        after: null,
        reason: input.reason,
        subject: String(row.name),
        summary: `${desc.noun} removed: ${row.name} — ${input.reason}`,
      });
      return row as unknown as OneToOneRecord[S];
    });
  }

  /** A live record of the caller's clinic; removed records and archived patients are read-only. */
  private async requireRecord(em: EntityManager, section: ListSection, id: string, forWrite: boolean) {
    const desc = LIST_SECTIONS[section];
    const row = (await em.findOne(desc.entity as never, { id, clinicId: this.clinicId } as never)) as Row | null;
    if (!row) throw notFound(desc.noun, id);
    if (row.deletedAt)
      throw new DomainError(
        'CONFLICT',
        `This ${desc.noun.toLowerCase()} was removed; removed records cannot be changed.`,
      );
    await new MedicalHistoryService(withEm(this.ctx, em)).requirePatient(row.patientId as string, forWrite);
    return row;
  }

  /** The fields the input sets (enums arrive stored: GraphQL and the tools map their names). */
  private storedValues(input: Row): Row {
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  }

  /** Rules across fields, checked on the record as it will be stored (also CHECK constraints in the table). */
  private checkRecord(section: ListSection, row: Row) {
    if (section === 'medication' && !row.isAnticoagulant && (row.inrValue != null || row.inrDate != null))
      throw new DomainError(
        'BAD_USER_INPUT',
        'inrValue and inrDate are recorded only for anticoagulants (isAnticoagulant: true).',
        {
          fields: [{ field: 'inrValue', message: 'is recorded only for anticoagulants' }],
        },
      );
    if (section === 'medication' && (row.inrValue == null) !== (row.inrDate == null))
      throw new DomainError('BAD_USER_INPUT', 'inrValue and inrDate go together: give both.', {
        fields: [
          { field: row.inrValue == null ? 'inrValue' : 'inrDate', message: 'is required with the other INR field' },
        ],
      });
  }

  /** What the audit entry names of a list record: its own words, and an allergy's severity. */
  private subjectOf(section: ListSection, row: Row): Pick<AuditChange, 'subject' | 'subjectSeverity'> {
    return {
      subject: LIST_SECTIONS[section].subject(row),
      subjectSeverity: section === 'allergy' ? (row.severity as Allergy['severity']) : null,
    };
  }

  private assign(row: Row, input: Row, flags: readonly string[]) {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || (value === null && flags.includes(key))) continue;
      row[key] = value;
    }
  }

  /** Every change goes through here: one append-only audit row and one event, in the caller's transaction. */
  private async recordChange(em: EntityManager, change: AuditChange) {
    em.create(MedicalAuditEntry, {
      clinicId: this.clinicId,
      patientId: change.patientId,
      section: change.section,
      recordId: change.recordId,
      action: change.action,
      before: change.before,
      after: change.after,
      reason: change.reason ?? null,
      summary: change.summary,
      subject: change.subject ?? null,
      subjectSeverity: change.subjectSeverity ?? null,
      changedFields: change.changedFields ?? [],
      changedBy: this.userId,
    });
    await em.flush();
    await this.medicalUpdated(em, {
      patient_id: change.patientId,
      clinic_id: this.clinicId,
      user_id: this.userId,
      section: change.section,
      summary: change.summary,
    });
  }

  /**
   * THE publication point of `patient.medical_updated`: every change of every section ends here,
   * inside the write's transaction, after the change and its audit row are flushed.
   */
  protected async medicalUpdated(em: EntityManager, event: MedicalUpdatedEvent): Promise<void> {
    await publish(em, 'patient.medical_updated', event);
  }
}
