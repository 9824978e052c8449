import {
  badInput,
  clinicInfo,
  groupedBy,
  inOrder,
  isUuid,
  localToday,
  LockMode,
  notFound,
  parseInput,
  publish,
  requireProfessional,
  uuidArg,
  type ServiceContext,
} from '@dentalpin/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Recall, RecallContactAttempt } from '../entities.ts';
import { RecallPatientDocument } from '../generated/operations.ts';
import { createRecallInput, listRecallsInput, logContactInput, snoozeInput, suggestionInput } from '../inputs.ts';
import {
  CATEGORY_REASON,
  LINKABLE_STATUSES,
  OPEN_STATUSES,
  recallPriority,
  recallReason,
  recallStatus,
  statusAfterContact,
  type RecallStatus,
} from '../status.ts';
import { addMonths, isoDay, monthOf } from './months.ts';
import { recallSettingsOf, updateRecallSettings, type RecallSettingsView } from './settings.ts';

export { addMonths, isoDay, monthOf } from './months.ts';

const PRIORITY_RANK: Record<string, number> = { high: 0, normal: 1, low: 2 };

/** What every recall event carries (enums as GraphQL values, due month as YYYY-MM). */
export const eventPayloadOf = (r: Recall) => ({
  clinic_id: r.clinicId,
  recall_id: r.id,
  patient_id: r.patientId,
  reason: recallReason.toGraphQL(r.reason),
  due_month: isoDay(r.dueMonth).slice(0, 7),
  priority: recallPriority.toGraphQL(r.priority),
  status: recallStatus.toGraphQL(r.status),
});

/** An appointment as agenda's events describe it. */
export interface AppointmentRef {
  appointment_id: string;
  patient_id: string;
  start_time: string;
}

/** The call-back list of the caller's clinic. No GraphQL and no permission checks; every query is clinic-scoped. */
export class RecallsService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** Today in the clinic's time zone ('YYYY-MM-DD'). */
  async today(now = new Date()): Promise<string> {
    return localToday((await clinicInfo(this.ctx.em, this.clinicId)).timezone, 0, now);
  }

  /** Open recalls unless statuses are given; by due month, then priority, then patient. */
  async list(raw: unknown): Promise<Recall[]> {
    const input = parseInput(listRecallsInput, raw ?? {});
    const rows = await this.ctx.em.find(
      Recall,
      {
        clinicId: this.clinicId,
        status: { $in: input.status?.length ? input.status : OPEN_STATUSES },
        ...(input.dueMonth ? { dueMonth: monthOf(input.dueMonth) } : {}),
        ...(input.patientId ? { patientId: input.patientId } : {}),
      },
      { orderBy: { dueMonth: 'asc', createdAt: 'asc' } },
    );
    return rows.sort(
      (a, b) =>
        isoDay(a.dueMonth).localeCompare(isoDay(b.dueMonth)) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
    );
  }

  async get(id: string): Promise<Recall | null> {
    uuidArg('id', id, 'recall id');
    return this.ctx.em.findOne(Recall, { id, clinicId: this.clinicId });
  }

  async getMany(ids: readonly string[]): Promise<(Recall | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.ctx.em.find(Recall, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    return inOrder(ids, rows, (r) => r.id);
  }

  /** Each patient's recalls (open ones only unless `includeClosed`), one list per id in the ids' order. */
  async forPatients(patientIds: readonly string[], includeClosed: boolean): Promise<Recall[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          Recall,
          {
            clinicId: this.clinicId,
            patientId: { $in: valid },
            ...(includeClosed ? {} : { status: { $in: OPEN_STATUSES } }),
          },
          { orderBy: { dueMonth: 'asc', createdAt: 'asc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (r) => r.patientId);
  }

  async attemptsOf(recallIds: readonly string[]): Promise<RecallContactAttempt[][]> {
    const rows = await this.ctx.em.find(
      RecallContactAttempt,
      { clinicId: this.clinicId, recallId: { $in: [...recallIds] } },
      { orderBy: { attemptedAt: 'desc' } },
    );
    return groupedBy(recallIds, rows, (a) => a.recallId);
  }

  /** The clinic's interval of every reason, in months. */
  async intervals(): Promise<{ reason: Recall['reason']; months: number }[]> {
    return (await this.settings()).intervals;
  }

  /** The clinic's intervals and reminder lead time (the defaults for what it did not change). */
  settings(): Promise<RecallSettingsView> {
    return recallSettingsOf(this.ctx.em, this.clinicId);
  }

  updateSettings(raw: unknown): Promise<RecallSettingsView> {
    return updateRecallSettings(this.ctx.em, this.clinicId, raw);
  }

  /**
   * The recall a completed treatment of `treatmentCategory` calls for: its reason and today plus the reason's
   * interval. None for an unknown category, an archived or do-not-contact patient, or when an open recall for
   * that reason exists already. Another clinic's patient: NOT_FOUND.
   */
  async suggest(raw: unknown): Promise<{ reason: Recall['reason']; dueDate: string; months: number } | null> {
    const input = parseInput(suggestionInput, raw);
    const { patient } = await this.ctx.query(RecallPatientDocument, { id: input.patientId });
    if (!patient) throw notFound('Patient', input.patientId);
    const reason = CATEGORY_REASON[input.treatmentCategory.toLowerCase()];
    if (!reason || patient.status === 'ARCHIVED' || patient.doNotContact) return null;
    const open = await this.ctx.em.count(Recall, {
      clinicId: this.clinicId,
      patientId: input.patientId,
      reason,
      status: { $in: OPEN_STATUSES },
    });
    if (open) return null;
    const months = (await this.settings()).months[reason];
    return { reason, months, dueDate: addMonths(await this.today(), months) };
  }

  /**
   * A recall for a patient of the clinic (another clinic's patient: NOT_FOUND, nothing written). An open
   * recall for the same patient and reason is updated in place (new due date, priority, note), so the list
   * never holds the same call twice; a moved due month is reminded again.
   */
  async create(raw: unknown): Promise<Recall> {
    const input = parseInput(createRecallInput, raw);
    const { patient } = await this.ctx.query(RecallPatientDocument, { id: input.patientId });
    if (!patient) throw notFound('Patient', input.patientId);
    if (patient.status === 'ARCHIVED')
      throw badInput('The patient is archived; restore the patient before adding a recall.');
    const dueDate = input.dueDate ?? addMonths(await this.today(), (await this.settings()).months[input.reason]);
    return this.ctx.em.transactional(async (em) => {
      if (input.assignedProfessionalId) await requireProfessional(em, this.clinicId, input.assignedProfessionalId);
      const existing = await em.findOne(
        Recall,
        {
          clinicId: this.clinicId,
          patientId: input.patientId,
          reason: input.reason,
          status: { $in: ['pending', 'contacted_no_answer', 'contacted_scheduled'] },
        },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (existing) {
        if (monthOf(dueDate) !== isoDay(existing.dueMonth))
          Object.assign(existing, { reminderState: null, reminderAt: null });
        Object.assign(existing, {
          dueDate,
          dueMonth: monthOf(dueDate),
          ...(input.priority ? { priority: input.priority } : {}),
          ...(input.note !== undefined ? { reasonNote: input.note ?? null } : {}),
          ...(input.assignedProfessionalId !== undefined
            ? { assignedProfessionalId: input.assignedProfessionalId ?? null }
            : {}),
        });
        await em.flush();
        return existing;
      }
      const recall = em.create(Recall, {
        clinicId: this.clinicId,
        patientId: input.patientId,
        reason: input.reason,
        reasonNote: input.note ?? null,
        priority: input.priority ?? 'normal',
        status: 'pending',
        dueDate,
        dueMonth: monthOf(dueDate),
        assignedProfessionalId: input.assignedProfessionalId ?? null,
        contactAttemptCount: 0,
        createdBy: this.ctx.identity.userId,
      });
      await em.flush();
      await publish(em, 'recall.created', eventPayloadOf(recall));
      return recall;
    });
  }

  /** One call, message or e-mail; its outcome moves the status through the one table. */
  async logContact(raw: unknown): Promise<Recall> {
    const input = parseInput(logContactInput, raw);
    return this.change(input.id, async (recall, em) => {
      const to = statusAfterContact(recall.status, input.outcome);
      // A missed call on a booked recall keeps its status; on a closed one it is refused like any move.
      if (to !== recall.status || recallStatus.isFinal(recall.status))
        recallStatus.assertTransition(recall.status, to === recall.status ? 'contacted_no_answer' : to);
      const now = new Date();
      em.create(RecallContactAttempt, {
        clinicId: this.clinicId,
        recallId: recall.id,
        channel: input.channel,
        outcome: input.outcome,
        note: input.note ?? null,
        attemptedBy: this.ctx.identity.userId,
        attemptedAt: now,
      });
      Object.assign(recall, {
        status: to,
        contactAttemptCount: recall.contactAttemptCount + 1,
        lastContactAttemptAt: now,
      });
      return {
        type: 'recall.contact_logged',
        extra: { channel: input.channel.toUpperCase(), outcome: input.outcome.toUpperCase() },
      };
    });
  }

  /** Moves the due month on by 1–24 months; the recall is pending again, unlinked, and reminded again. */
  async snooze(raw: unknown): Promise<Recall> {
    const input = parseInput(snoozeInput, raw);
    return this.change(input.id, async (recall) => {
      recallStatus.assertTransition(recall.status, 'pending');
      Object.assign(recall, {
        status: 'pending',
        dueMonth: addMonths(isoDay(recall.dueMonth), input.months),
        dueDate: recall.dueDate ? addMonths(isoDay(recall.dueDate), input.months) : null,
        linkedAppointmentId: null,
        reminderState: null,
        reminderAt: null,
      });
      return { type: 'recall.snoozed', extra: { months: input.months } };
    });
  }

  async complete(id: string): Promise<Recall> {
    uuidArg('id', id, 'recall id');
    return this.change(id, async (recall) => {
      this.moveTo(recall, 'done');
      return { type: 'recall.completed' };
    });
  }

  async cancel(id: string): Promise<Recall> {
    uuidArg('id', id, 'recall id');
    return this.change(id, async (recall) => {
      this.moveTo(recall, 'cancelled');
      return { type: 'recall.cancelled' };
    });
  }

  /**
   * A booking answers the patient's recall when exactly one is waiting for one (pending or not answered,
   * unlinked, due by the appointment's month); with two or more nobody can tell which, so none is linked.
   */
  async linkBooking(appointment: AppointmentRef): Promise<Recall | null> {
    return this.ctx.em.transactional(async (em) => {
      const already = await em.findOne(Recall, {
        clinicId: this.clinicId,
        linkedAppointmentId: appointment.appointment_id,
      });
      if (already) return null; // a redelivered event
      const candidates = await em.find(
        Recall,
        {
          clinicId: this.clinicId,
          patientId: appointment.patient_id,
          status: { $in: LINKABLE_STATUSES },
          linkedAppointmentId: null,
        },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const appointmentMonth = monthOf(
        localToday((await clinicInfo(em, this.clinicId)).timezone, 0, new Date(appointment.start_time)),
      );
      const matching = candidates.filter((r) => isoDay(r.dueMonth) <= appointmentMonth);
      if (matching.length !== 1) return null;
      const [recall] = matching as [Recall];
      this.moveTo(recall, 'contacted_scheduled');
      recall.linkedAppointmentId = appointment.appointment_id;
      await em.flush();
      await publish(em, 'recall.appointment_linked', {
        ...eventPayloadOf(recall),
        appointment_id: appointment.appointment_id,
      });
      return recall;
    });
  }

  /** The linked appointment took place: its recall is done. */
  async completeForAppointment(appointmentId: string): Promise<Recall[]> {
    return this.forAppointment(appointmentId, async (recall) => {
      if (recall.status !== 'contacted_scheduled' && recall.status !== 'pending') return null;
      this.moveTo(recall, 'done');
      return 'recall.completed';
    });
  }

  /** The linked appointment was cancelled or missed: the recall waits for a call again. */
  async unlinkAppointment(appointmentId: string): Promise<Recall[]> {
    return this.forAppointment(appointmentId, async (recall) => {
      recall.linkedAppointmentId = null;
      if (recall.status === 'contacted_scheduled') this.moveTo(recall, 'pending');
      return null;
    });
  }

  /** An archived patient's open recalls need a person to decide (not called, not dropped silently). */
  async reviewForArchivedPatient(patientId: string): Promise<number> {
    return this.ctx.em.transactional(async (em) => {
      const open = await em.find(Recall, {
        clinicId: this.clinicId,
        patientId,
        status: { $in: OPEN_STATUSES.filter((s) => s !== 'needs_review') },
      });
      for (const r of open) this.moveTo(r, 'needs_review');
      await em.flush();
      return open.length;
    });
  }

  /** Counts for the dashboard card, this month in the clinic's time zone. */
  async dashboard(now = new Date()) {
    const month = monthOf(await this.today(now));
    const monthStart = new Date(`${month}T00:00:00Z`);
    const next = new Date(`${addMonths(month, 1)}T00:00:00Z`);
    const [row] = await this.ctx.em.getConnection().execute<Record<string, string>[]>(
      `select
         count(*) filter (where status in ('pending','contacted_no_answer','contacted_declined','needs_review') and due_month = ?) as due_this_month,
         count(*) filter (where status in ('pending','contacted_no_answer','contacted_declined','needs_review') and due_month < ?) as overdue,
         count(*) filter (where status = 'contacted_scheduled') as scheduled,
         count(*) filter (where status = 'done' and completed_at >= ? and completed_at < ?) as completed_this_month,
         count(*) filter (where status = 'cancelled' and updated_at >= ? and updated_at < ?) as cancelled_this_month
       from recalls where clinic_id = ?`,
      [month, month, monthStart, next, monthStart, next, this.clinicId],
      'all',
      this.ctx.em.getTransactionContext(),
    );
    return {
      dueThisMonth: Number(row?.due_this_month ?? 0),
      overdue: Number(row?.overdue ?? 0),
      scheduled: Number(row?.scheduled ?? 0),
      completedThisMonth: Number(row?.completed_this_month ?? 0),
      cancelledThisMonth: Number(row?.cancelled_this_month ?? 0),
    };
  }

  /** Overdue = open (not booked) and due before this month. */
  static isOverdue(recall: Recall, thisMonth: string): boolean {
    return (
      !recallStatus.isFinal(recall.status) &&
      recall.status !== 'contacted_scheduled' &&
      isoDay(recall.dueMonth) < thisMonth
    );
  }

  private moveTo(recall: Recall, to: RecallStatus): void {
    recallStatus.assertTransition(recall.status, to);
    recall.status = to;
    if (to === 'done') recall.completedAt = new Date();
  }

  /** Loads the clinic's recall under a row lock, applies `apply`, and publishes the event it names. */
  private async change(
    id: string,
    apply: (recall: Recall, em: EntityManager) => Promise<{ type: string; extra?: Record<string, unknown> }>,
  ): Promise<Recall> {
    return this.ctx.em.transactional(async (em) => {
      const recall = await em.findOne(
        Recall,
        { id, clinicId: this.clinicId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!recall) throw notFound('Recall', id);
      const { type, extra } = await apply(recall, em);
      await em.flush();
      await publish(em, type, { ...eventPayloadOf(recall), ...extra });
      return recall;
    });
  }

  /** Every recall linked to the appointment, each changed by `apply` (which names the event, or none). */
  private async forAppointment(
    appointmentId: string,
    apply: (recall: Recall) => Promise<string | null>,
  ): Promise<Recall[]> {
    return this.ctx.em.transactional(async (em) => {
      const linked = await em.find(
        Recall,
        { clinicId: this.clinicId, linkedAppointmentId: appointmentId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const changed: Recall[] = [];
      for (const recall of linked) {
        const type = await apply(recall);
        await em.flush();
        if (type) await publish(em, type, eventPayloadOf(recall));
        changed.push(recall);
      }
      return changed;
    });
  }
}
