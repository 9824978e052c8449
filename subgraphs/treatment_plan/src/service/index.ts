import { randomUUID } from 'node:crypto';
import {
  badInput,
  DomainError,
  groupedBy,
  inOrder,
  isUuid,
  LockMode,
  notFound,
  parseInput,
  publish,
  uuidArg,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import { PlanItem, PlanSession, TreatmentPlan } from '../entities.ts';
import {
  CancelPlanBudgetDocument,
  CreatePlanBudgetDocument,
  PlanAppointmentDocument,
  PlanBudgetStatusDocument,
  PlanPatientDocument,
  PlanTreatmentDocument,
  PerformPlanTreatmentDocument,
} from '../generated/operations.ts';
import {
  addItemInput,
  closePlanInput,
  createPlanInput,
  linkSessionInput,
  listPlansInput,
  planId,
  planItemId,
  planSessionId,
  setSessionsInput,
} from '../inputs.ts';
import {
  closureReason,
  EDITABLE_STATUSES,
  EXPIRED_PLAN_GRACE_DAYS,
  LOCKING_BUDGET_STATUSES,
  planStatus,
  type ClosureReason,
  type PlanStatus,
} from '../status.ts';

/** What every plan event carries (status as GraphQL names). */
const eventBase = (plan: TreatmentPlan) => ({
  clinic_id: plan.clinicId,
  plan_id: plan.id,
  patient_id: plan.patientId,
  plan_number: plan.number,
});

/**
 * The budget module's events that close a plan, with the reason they close it for. An EXPIRED budget does not
 * close its plan at once (reception may resend the quote): the daily `close_expired_plans` job does, after
 * EXPIRED_PLAN_GRACE_DAYS.
 */
export const BUDGET_CLOSURES: Readonly<Record<string, ClosureReason>> = {
  'budget.rejected': 'rejected_by_patient',
  'budget.cancelled': 'cancelled_by_clinic',
};

/** Appointment statuses a session can no longer be booked on. */
const UNBOOKABLE_APPOINTMENTS = ['CANCELLED', 'NO_SHOW', 'COMPLETED'];

/** Treatment plans of the caller's clinic. No GraphQL and no permission checks; every query is clinic-scoped. */
export class TreatmentPlanService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** Live plans, newest first, optionally of one patient and in some statuses. */
  async list(raw: unknown): Promise<TreatmentPlan[]> {
    const input = parseInput(listPlansInput, raw ?? {});
    return this.ctx.em.find(
      TreatmentPlan,
      {
        clinicId: this.clinicId,
        deletedAt: null,
        ...(input.patientId ? { patientId: input.patientId } : {}),
        ...(input.status?.length ? { status: { $in: input.status } } : {}),
      },
      { orderBy: { createdAt: 'desc', number: 'desc' } },
    );
  }

  async get(id: string): Promise<TreatmentPlan | null> {
    uuidArg('id', id, 'treatment plan id');
    return this.ctx.em.findOne(TreatmentPlan, { id, clinicId: this.clinicId, deletedAt: null });
  }

  async getMany(ids: readonly string[]): Promise<(TreatmentPlan | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(TreatmentPlan, { id: { $in: valid }, clinicId: this.clinicId, deletedAt: null })
      : [];
    return inOrder(ids, rows, (p) => p.id);
  }

  /** Each patient's live plans, newest first, one list per id. */
  async forPatients(patientIds: readonly string[]): Promise<TreatmentPlan[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          TreatmentPlan,
          { clinicId: this.clinicId, patientId: { $in: valid }, deletedAt: null },
          { orderBy: { createdAt: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (p) => p.patientId);
  }

  /** Each plan's items in sequence order. */
  async itemsOf(planIds: readonly string[]): Promise<PlanItem[][]> {
    const rows = await this.ctx.em.find(
      PlanItem,
      { clinicId: this.clinicId, planId: { $in: [...planIds] } },
      { orderBy: { sequence: 'asc' } },
    );
    return groupedBy(planIds, rows, (i) => i.planId);
  }

  /** Each item's sessions in order. */
  async sessionsOf(itemIds: readonly string[]): Promise<PlanSession[][]> {
    const rows = await this.ctx.em.find(
      PlanSession,
      { clinicId: this.clinicId, itemId: { $in: [...itemIds] } },
      { orderBy: { sequence: 'asc' } },
    );
    return groupedBy(itemIds, rows, (s) => s.itemId);
  }

  /** A DRAFT plan for a patient of the clinic with the given treatments (each checked as addItem does). */
  async create(raw: unknown): Promise<TreatmentPlan> {
    const input = parseInput(createPlanInput, raw);
    const { patient } = await this.ctx.query(PlanPatientDocument, { id: input.patientId });
    if (!patient) throw notFound('Patient', input.patientId);
    if (patient.status === 'ARCHIVED')
      throw badInput('The patient is archived; restore the patient before planning treatments.');
    const treatmentIds = [...new Set(input.treatmentIds ?? [])];
    for (const id of treatmentIds) await this.requirePlannableTreatment(id, input.patientId);
    return this.ctx.em.transactional(async (em) => {
      const plan = em.create(TreatmentPlan, {
        clinicId: this.clinicId,
        patientId: input.patientId,
        number: await nextNumber(em, this.clinicId, new Date().getUTCFullYear()),
        title: input.title || null,
        status: 'draft',
        closureReason: null,
        closureNote: null,
        closedAt: null,
        confirmedAt: null,
        budgetId: null,
        createdBy: this.ctx.identity.userId,
        deletedAt: null,
      });
      await em.flush();
      treatmentIds.forEach((treatmentId, i) => this.newItem(em, plan, treatmentId, i + 1));
      await em.flush();
      await publish(em, 'treatment_plan.created', { ...eventBase(plan), title: plan.title ?? null });
      return plan;
    });
  }

  /** Adds a treatment of the plan's patient; refused once the plan is done or while its budget is sent/accepted. */
  async addItem(raw: unknown): Promise<TreatmentPlan> {
    const input = parseInput(addItemInput, raw);
    const plan = await this.require(input.planId);
    await this.requirePlannableTreatment(input.treatmentId, plan.patientId);
    return this.ctx.em.transactional(async (em) => {
      const locked = await this.lockEditable(em, plan.id, 'items are added');
      if (await em.count(PlanItem, { planId: locked.id, treatmentId: input.treatmentId }))
        throw new DomainError('CONFLICT', `This treatment is already in plan ${locked.number}.`);
      const sequence = (await em.count(PlanItem, { planId: locked.id })) + 1;
      const item = this.newItem(em, locked, input.treatmentId, sequence, input.sessions ?? 1);
      await em.flush();
      await publish(em, 'treatment_plan.item_added', {
        ...eventBase(locked),
        item_id: item.id,
        treatment_id: item.treatmentId,
      });
      return locked;
    });
  }

  /**
   * How many visits a PENDING item takes. Growing appends pending sessions (numbered after the last one). Shrinking
   * removes exactly the sessions the caller names by id, never by position: each must be a pending, unbooked session
   * of the item (booked or completed: CONFLICT), and one visit to do must remain. The rest keep their ids and numbers.
   */
  async setSessions(raw: unknown): Promise<TreatmentPlan> {
    const input = parseInput(setSessionsInput, raw);
    const found = await this.ctx.em.findOne(PlanItem, { id: input.itemId, clinicId: this.clinicId });
    if (!found) throw notFound('PlanItem', input.itemId);
    const remove = [...new Set(input.remove ?? [])];
    return this.ctx.em.transactional(async (em) => {
      const locked = await this.lockEditable(em, found.planId, 'sessions change');
      const item = await em.findOneOrFail(PlanItem, { id: found.id }, { refresh: true });
      if (item.status !== 'pending')
        throw new DomainError('CONFLICT', `This item is already ${item.status.toUpperCase()}; its sessions are final.`);
      const sessions = await em.find(PlanSession, { itemId: item.id }, { orderBy: { sequence: 'asc' }, refresh: true });
      const live = sessions.filter((x) => x.status !== 'cancelled');
      if (input.count >= live.length && remove.length)
        throw badInput(
          `The item has ${live.length} session(s) and would have ${input.count}; name sessions to remove only when lowering the count.`,
          { fields: ['remove'] },
        );
      if (input.count > live.length) {
        let next = Math.max(0, ...sessions.map((x) => x.sequence));
        for (let i = live.length; i < input.count; i++) this.newSession(em, item, ++next);
      } else if (input.count < live.length) {
        const drop = live.length - input.count;
        if (remove.length !== drop)
          throw badInput(
            `Going from ${live.length} to ${input.count} session(s) removes ${drop}; name exactly ${drop} session(s) of this item to remove.`,
            { fields: ['remove'] },
          );
        const byId = new Map(live.map((x) => [x.id, x]));
        const unknown = remove.find((id) => !byId.has(id));
        if (unknown)
          throw badInput(`Session ${unknown} is not a session of this item; name sessions the item has.`, {
            fields: ['remove'],
          });
        const removed = remove.map((id) => byId.get(id) as PlanSession);
        const completed = removed.find((x) => x.status === 'completed');
        if (completed)
          throw new DomainError(
            'CONFLICT',
            `Session ${completed.sequence} is already COMPLETED; a completed visit is kept. Remove a pending one.`,
          );
        const booked = removed.find((x) => x.appointmentId);
        if (booked)
          throw new DomainError(
            'CONFLICT',
            `Session ${booked.sequence} is booked as an appointment; unbook it first or remove another session.`,
          );
        if (!live.some((x) => x.status === 'pending' && !remove.includes(x.id)))
          throw badInput('The item would have no session left to do; keep one pending session or complete the item.', {
            fields: ['remove'],
          });
        removed.forEach((x) => em.remove(x));
      }
      await em.flush();
      return locked;
    });
  }

  /** Books a pending session as an appointment of the plan's patient (the caller must see the appointment). */
  async linkSession(raw: unknown): Promise<TreatmentPlan> {
    const input = parseInput(linkSessionInput, raw);
    const { session, item } = await this.requireSession(input.sessionId);
    const plan = await this.require(item.planId);
    if (input.appointmentId) {
      const { appointment } = await this.ctx.query(PlanAppointmentDocument, { id: input.appointmentId });
      if (!appointment) throw notFound('Appointment', input.appointmentId);
      if (appointment.patient?.id !== plan.patientId)
        throw badInput(
          "The appointment is another patient's; book the session on an appointment of the plan's patient.",
          {
            fields: ['appointmentId'],
          },
        );
      if (UNBOOKABLE_APPOINTMENTS.includes(appointment.status))
        throw new DomainError(
          'CONFLICT',
          `The appointment is ${appointment.status}; book the session on a scheduled appointment (or complete the session directly).`,
        );
    }
    return this.ctx.em.transactional(async (em) => {
      // Booking a visit does not change what the patient was quoted: a plan with a SENT or ACCEPTED budget books.
      const locked = await this.lockEditable(em, plan.id, 'sessions are booked', { quoted: false });
      const fresh = await em.findOneOrFail(PlanSession, { id: session.id }, { refresh: true });
      if (fresh.status !== 'pending')
        throw new DomainError('CONFLICT', `This session is already ${fresh.status.toUpperCase()}.`);
      fresh.appointmentId = input.appointmentId ?? null;
      await em.flush();
      await publish(em, 'treatment_plan.session_booked', {
        ...eventBase(locked),
        item_id: item.id,
        session_id: fresh.id,
        appointment_id: fresh.appointmentId,
      });
      return locked;
    });
  }

  /** Completes a pending session of an ACTIVE plan; the item's last session completes the item. */
  async completeSession(id: string): Promise<TreatmentPlan> {
    parseInput(planSessionId, id);
    const { session, item } = await this.requireSession(id);
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.lock(em, item.planId);
      this.assertActive(plan);
      const fresh = await em.findOneOrFail(PlanSession, { id: session.id }, { refresh: true });
      if (fresh.status !== 'pending')
        throw new DomainError('CONFLICT', `This session is already ${fresh.status.toUpperCase()}.`);
      await this.completeSessionsLocked(em, plan, item, [fresh]);
      return plan;
    });
  }

  /** COMPLETED → ARCHIVED. */
  async archive(id: string): Promise<TreatmentPlan> {
    parseInput(planId, id);
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.lock(em, id);
      planStatus.assertTransition(plan.status, 'archived');
      const from = plan.status;
      plan.status = 'archived';
      await em.flush();
      await this.published(em, plan, from);
      return plan;
    });
  }

  /**
   * The daily job's work for this clinic: PENDING plans whose budget is EXPIRED and whose validUntil is at least
   * EXPIRED_PLAN_GRACE_DAYS before `now` are CLOSED with reason EXPIRED. Returns how many were closed.
   */
  async closeExpired(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - EXPIRED_PLAN_GRACE_DAYS * 86_400_000).toISOString().slice(0, 10);
    const candidates = await this.ctx.em.find(TreatmentPlan, {
      clinicId: this.clinicId,
      status: 'pending',
      budgetId: { $ne: null },
      deletedAt: null,
    });
    let closed = 0;
    for (const candidate of candidates) {
      const { budget } = await this.ctx.query(PlanBudgetStatusDocument, { id: candidate.budgetId as string });
      if (!budget || budget.status !== 'EXPIRED' || String(budget.validUntil) > cutoff) continue;
      await this.ctx.em.transactional(async (em) => {
        const plan = await this.lock(em, candidate.id);
        if (plan.status !== 'pending' || plan.budgetId !== budget.id) return;
        await this.closeLocked(
          em,
          plan,
          'expired',
          `Its budget expired on ${String(budget.validUntil)} and was not renewed within ${EXPIRED_PLAN_GRACE_DAYS} days.`,
        );
        closed++;
      });
    }
    return closed;
  }

  /**
   * DRAFT → PENDING with its budget, made through the budget module as the caller. The budget commits in the
   * budget module's own transaction, so the two cannot share one: every check runs before the budget is made,
   * the plan row stays locked meanwhile, and if the plan's transaction fails after the budget exists (even at
   * commit), that budget is cancelled and the plan stays DRAFT.
   */
  async confirm(id: string): Promise<TreatmentPlan> {
    parseInput(planId, id);
    let budgetId: string | null = null;
    try {
      return await this.ctx.em.transactional(async (em) => {
        const plan = await this.lock(em, id);
        planStatus.assertTransition(plan.status, 'pending');
        const lines = await this.budgetLines(em, plan);
        // The note is printed on the patient's budget: "Plan PLAN-2026-0003" reads the same in English and Spanish.
        const { createBudget } = await this.ctx.query(CreatePlanBudgetDocument, {
          input: { patientId: plan.patientId, notes: `Plan ${plan.number}`, items: lines },
        });
        budgetId = createBudget.id;
        const now = new Date();
        Object.assign(plan, { status: 'pending', budgetId, confirmedAt: now });
        await em.flush();
        await this.published(em, plan, 'draft');
        await publish(em, 'treatment_plan.confirmed', {
          ...eventBase(plan),
          budget_id: budgetId,
          confirmed_at: now.toISOString(),
          confirmed_by: this.ctx.identity.userId,
        });
        return plan;
      });
    } catch (error) {
      // The plan's transaction (including its commit) failed after the budget was made: undo the budget.
      if (budgetId)
        await this.ctx.query(CancelPlanBudgetDocument, { id: budgetId, reason: 'Plan confirmation failed' });
      throw error;
    }
  }

  /** One budget line per pending item; refused (nothing written) without items or for an unquotable treatment. */
  private async budgetLines(em: EntityManager, plan: TreatmentPlan) {
    const items = await em.find(PlanItem, { planId: plan.id, status: 'pending' }, { orderBy: { sequence: 'asc' } });
    if (!items.length)
      throw badInput(`Plan ${plan.number} has no pending items; add a treatment before confirming it.`);
    const lines = [];
    for (const item of items) {
      const treatment = await this.requirePlannableTreatment(item.treatmentId, plan.patientId);
      if (!treatment.catalogItem)
        throw badInput(
          `A treatment in plan ${plan.number} has no catalog item, so it cannot be quoted; record it from the catalog.`,
        );
      const maxSurfaces = Math.max(0, ...treatment.teeth.map((t) => t.surfaces.length));
      lines.push({
        catalogItemId: treatment.catalogItem.id,
        quantity: 1,
        ...(treatment.price != null ? { unitPrice: treatment.price } : {}),
        ...(treatment.teeth.length ? { teeth: treatment.teeth.map((t) => t.toothNumber) } : {}),
        ...(maxSurfaces ? { surfaces: maxSurfaces } : {}),
      });
    }
    return lines;
  }

  async close(raw: unknown): Promise<TreatmentPlan> {
    const input = parseInput(closePlanInput, raw);
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.lock(em, input.id);
      await this.closeLocked(em, plan, input.reason, input.note ?? null);
      return plan;
    });
  }

  /** CLOSED → DRAFT: the closure is cleared and the plan may be confirmed again (a new budget). */
  async reactivate(id: string): Promise<TreatmentPlan> {
    parseInput(planId, id);
    return this.ctx.em.transactional(async (em) => {
      const plan = await this.lock(em, id);
      // The table also lets a PENDING plan go back to DRAFT (reopening); reactivation is CLOSED → DRAFT only.
      if (plan.status !== 'closed')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Only a CLOSED plan can be reactivated; plan ${plan.number} is ${planStatus.toGraphQL(plan.status)}.`,
          { from: planStatus.toGraphQL(plan.status), to: 'DRAFT', allowed: planStatus.allowedFrom(plan.status) },
        );
      planStatus.assertTransition(plan.status, 'draft');
      const previousReason = plan.closureReason;
      Object.assign(plan, {
        status: 'draft',
        closureReason: null,
        closureNote: null,
        closedAt: null,
        confirmedAt: null,
        budgetId: null,
      });
      await em.flush();
      await this.published(em, plan, 'closed');
      await publish(em, 'treatment_plan.reactivated', {
        ...eventBase(plan),
        previous_closure_reason: previousReason ? closureReason.toGraphQL(previousReason) : null,
        reactivated_by: this.ctx.identity.userId,
      });
      return plan;
    });
  }

  /** Completes a pending item of an ACTIVE plan; the last one completes the plan. */
  async completeItem(id: string): Promise<TreatmentPlan> {
    parseInput(planItemId, id);
    return this.ctx.em.transactional(async (em) => {
      const item = await em.findOne(PlanItem, { id, clinicId: this.clinicId });
      if (!item) throw notFound('PlanItem', id);
      const plan = await this.lock(em, item.planId);
      this.assertActive(plan);
      await em.refresh(item);
      if (item.status !== 'pending')
        throw new DomainError('CONFLICT', `This item is already ${item.status.toUpperCase()}.`);
      const pending = await em.find(
        PlanSession,
        { itemId: item.id, status: 'pending' },
        { orderBy: { sequence: 'asc' } },
      );
      if (pending.length) await this.completeSessionsLocked(em, plan, item, pending);
      else await this.completeLocked(em, plan, item, true);
      return plan;
    });
  }

  /**
   * `odontogram.treatment.performed`: the pending item of that treatment in an ACTIVE plan is completed and its
   * pending sessions cancelled (the treatment was done outright).
   */
  async treatmentPerformed(treatmentId: string): Promise<void> {
    await this.ctx.em.transactional(async (em) => {
      const items = await em.find(PlanItem, { clinicId: this.clinicId, treatmentId, status: 'pending' });
      for (const found of items) {
        const plan = await this.lock(em, found.planId);
        // Read again under the lock: the booked visit's completion may have completed it while this waited.
        const item = await em.findOneOrFail(PlanItem, { id: found.id }, { refresh: true });
        if (plan.status !== 'active' || item.status !== 'pending') continue;
        const pending = await em.find(PlanSession, { itemId: item.id, status: 'pending' }, { refresh: true });
        pending.forEach((x) => (x.status = 'cancelled'));
        await this.completeLocked(em, plan, item, false);
      }
    });
  }

  /**
   * `appointment.completed`: every pending session booked on that appointment whose plan is ACTIVE is completed
   * (an item's last session completes the item and performs its treatment).
   */
  async appointmentCompleted(appointmentId: string): Promise<void> {
    await this.ctx.em.transactional(async (em) => {
      const sessions = await em.find(PlanSession, { clinicId: this.clinicId, appointmentId, status: 'pending' });
      for (const found of sessions) {
        const { planId: id } = await em.findOneOrFail(PlanItem, { id: found.itemId });
        const plan = await this.lock(em, id);
        // Read again under the lock: the treatment may have been performed (item completed) while this waited.
        const item = await em.findOneOrFail(PlanItem, { id: found.itemId }, { refresh: true });
        const session = await em.findOneOrFail(PlanSession, { id: found.id }, { refresh: true });
        if (plan.status !== 'active' || item.status !== 'pending' || session.status !== 'pending') continue;
        await this.completeSessionsLocked(em, plan, item, [session]);
      }
    });
  }

  /** `budget.accepted` moves a PENDING plan to ACTIVE; the other answers close it with their reason. */
  async budgetAnswered(budgetId: string, eventType: string): Promise<void> {
    await this.ctx.em.transactional(async (em) => {
      const found = await em.findOne(TreatmentPlan, { clinicId: this.clinicId, budgetId, deletedAt: null });
      if (!found) return;
      const plan = await this.lock(em, found.id);
      if (eventType === 'budget.accepted') {
        if (!planStatus.can(plan.status, 'active')) return; // an old or repeated answer changes nothing
        const from = plan.status;
        plan.status = 'active';
        await em.flush();
        await this.published(em, plan, from);
        return;
      }
      const reason = BUDGET_CLOSURES[eventType];
      if (reason && planStatus.can(plan.status, 'closed')) await this.closeLocked(em, plan, reason, null);
    });
  }

  private async closeLocked(
    em: EntityManager,
    plan: TreatmentPlan,
    reason: ClosureReason,
    note: string | null,
  ): Promise<void> {
    planStatus.assertTransition(plan.status, 'closed');
    const from = plan.status;
    const now = new Date();
    Object.assign(plan, { status: 'closed', closureReason: reason, closureNote: note, closedAt: now });
    await em.flush();
    await this.published(em, plan, from);
    await publish(em, 'treatment_plan.closed', {
      ...eventBase(plan),
      closure_reason: closureReason.toGraphQL(reason),
      closure_note: note,
      previous_status: planStatus.toGraphQL(from),
      closed_by: this.ctx.identity.userId,
    });
  }

  /** Completes sessions of an item; when none is left pending the item is completed and its treatment performed. */
  private async completeSessionsLocked(
    em: EntityManager,
    plan: TreatmentPlan,
    item: PlanItem,
    sessions: PlanSession[],
  ): Promise<void> {
    const now = new Date();
    for (const session of sessions)
      Object.assign(session, { status: 'completed', completedAt: now, completedBy: this.ctx.identity.userId });
    await em.flush();
    for (const session of sessions)
      await publish(em, 'treatment_plan.session_completed', {
        ...eventBase(plan),
        item_id: item.id,
        session_id: session.id,
        sequence: session.sequence,
        treatment_id: item.treatmentId,
        appointment_id: session.appointmentId ?? null,
      });
    if (!(await em.count(PlanSession, { itemId: item.id, status: 'pending' })))
      await this.completeLocked(em, plan, item, true);
  }

  /**
   * Completes an item (and the plan after its last item). With `perform`, its odontogram treatment is performed
   * through the odontogram as the caller (once it is still PLANNED); the odontogram's `treatment.performed` then
   * finds the item already completed. A failure there rolls the completion back.
   */
  private async completeLocked(
    em: EntityManager,
    plan: TreatmentPlan,
    item: PlanItem,
    perform: boolean,
  ): Promise<void> {
    Object.assign(item, { status: 'completed', completedAt: new Date(), completedBy: this.ctx.identity.userId });
    await em.flush();
    if (perform) {
      const { treatment } = await this.ctx.query(PlanTreatmentDocument, { id: item.treatmentId });
      if (treatment && !treatment.deletedAt && treatment.status === 'PLANNED')
        await this.ctx.query(PerformPlanTreatmentDocument, { id: item.treatmentId });
    }
    await publish(em, 'treatment_plan.item_completed', {
      ...eventBase(plan),
      item_id: item.id,
      treatment_id: item.treatmentId,
    });
    if (!(await em.count(PlanItem, { planId: plan.id, status: 'pending' }))) {
      planStatus.assertTransition(plan.status, 'completed');
      plan.status = 'completed';
      await em.flush();
      await this.published(em, plan, 'active');
    }
  }

  /** The status change event, published on every transition. */
  private async published(em: EntityManager, plan: TreatmentPlan, from: PlanStatus): Promise<void> {
    await publish(em, 'treatment_plan.status_changed', {
      ...eventBase(plan),
      old_status: planStatus.toGraphQL(from),
      new_status: planStatus.toGraphQL(plan.status),
    });
  }

  /** An item with `sessions` pending sessions (one by default). */
  private newItem(
    em: EntityManager,
    plan: TreatmentPlan,
    treatmentId: string,
    sequence: number,
    sessions = 1,
  ): PlanItem {
    const item = em.create(PlanItem, {
      id: randomUUID(), // known now: its sessions point at it before the flush
      clinicId: this.clinicId,
      planId: plan.id,
      treatmentId,
      sequence,
      status: 'pending',
      completedAt: null,
      completedBy: null,
    });
    for (let n = 1; n <= sessions; n++) this.newSession(em, item, n);
    return item;
  }

  private newSession(em: EntityManager, item: PlanItem, sequence: number): PlanSession {
    return em.create(PlanSession, {
      clinicId: this.clinicId,
      itemId: item.id,
      sequence,
      status: 'pending',
      appointmentId: null,
      completedAt: null,
      completedBy: null,
    });
  }

  private async requireSession(id: string): Promise<{ session: PlanSession; item: PlanItem }> {
    const session = await this.ctx.em.findOne(PlanSession, { id, clinicId: this.clinicId });
    if (!session) throw notFound('PlanItemSession', id);
    const item = await this.ctx.em.findOneOrFail(PlanItem, { id: session.itemId, clinicId: this.clinicId });
    return { session, item };
  }

  private assertActive(plan: TreatmentPlan): void {
    if (plan.status !== 'active')
      throw new DomainError(
        'CONFLICT',
        `Plan ${plan.number} is ${planStatus.toGraphQL(plan.status)}; items are completed once its budget is accepted (ACTIVE).`,
      );
  }

  private async require(id: string): Promise<TreatmentPlan> {
    const plan = await this.get(id);
    if (!plan) throw notFound('TreatmentPlan', id);
    return plan;
  }

  /** The plan row, locked until the transaction ends (so concurrent changes queue). */
  private async lock(em: EntityManager, id: string): Promise<TreatmentPlan> {
    const plan = await em.findOne(
      TreatmentPlan,
      { id, clinicId: this.clinicId, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!plan) throw notFound('TreatmentPlan', id);
    return plan;
  }

  /**
   * The plan row locked until the transaction ends, when it may be edited now (else CONFLICT). The one check every
   * edit path makes, under the lock, so a plan confirmed, closed or quoted meanwhile is never edited. `edit` says
   * what was refused ("items are added"); `quoted: false` lets a plan whose budget is SENT or ACCEPTED through.
   */
  private async lockEditable(
    em: EntityManager,
    id: string,
    edit: string,
    { quoted = true }: { quoted?: boolean } = {},
  ): Promise<TreatmentPlan> {
    const plan = await this.lock(em, id);
    const refusal = await this.editRefusal(plan, quoted);
    if (refusal) throw new DomainError('CONFLICT', refusal.replace('{edit}', edit));
    return plan;
  }

  /** Whether items may be added and sessions changed now (what the web offers; the edits lock and check again). */
  async isEditable(plan: TreatmentPlan): Promise<boolean> {
    return !(await this.editRefusal(plan, true));
  }

  /** Whether its pending sessions may be booked now (the web's "Book"; linkSession locks and checks again). */
  async isBookable(plan: TreatmentPlan): Promise<boolean> {
    return !(await this.editRefusal(plan, false));
  }

  /**
   * Why the plan cannot be edited, or null: it is not DRAFT, PENDING or ACTIVE, or (when `quoted`) its budget is
   * SENT or ACCEPTED, which is what the patient was quoted.
   */
  private async editRefusal(plan: TreatmentPlan, quoted: boolean): Promise<string | null> {
    if (!EDITABLE_STATUSES.includes(plan.status))
      return `Plan ${plan.number} is ${planStatus.toGraphQL(plan.status)}; {edit} only in a DRAFT, PENDING or ACTIVE plan.`;
    if (!quoted || !plan.budgetId) return null;
    const { budget } = await this.ctx.query(PlanBudgetStatusDocument, { id: plan.budgetId });
    if (budget && LOCKING_BUDGET_STATUSES.includes(budget.status))
      return `Plan ${plan.number} is locked while its budget is ${budget.status}; renegotiate the budget to change the plan.`;
    return null;
  }

  /** A live treatment of this patient in the odontogram (another clinic's or patient's: NOT_FOUND / BAD_USER_INPUT). */
  private async requirePlannableTreatment(id: string, patientId: string) {
    const { treatment } = await this.ctx.query(PlanTreatmentDocument, { id });
    if (!treatment || treatment.deletedAt) throw notFound('Treatment', id);
    if (treatment.patient?.id !== patientId)
      throw badInput(`Treatment ${id} belongs to another patient; a plan groups one patient's treatments.`);
    return treatment;
  }
}

/** The clinic's next plan number of `year`, inside the creating transaction. */
async function nextNumber(em: EntityManager, clinicId: string, year: number): Promise<string> {
  // The upsert holds the counter row's lock until the transaction ends: concurrent plans queue here.
  const [row] = await em.getConnection().execute<{ last_number: number }[]>(
    `insert into treatment_plan_number_counters (clinic_id, year, last_number) values (?, ?, 1)
     on conflict (clinic_id, year) do update set last_number = treatment_plan_number_counters.last_number + 1
     returning last_number`,
    [clinicId, year],
    'all',
    em.getTransactionContext(),
  );
  return `PLAN-${year}-${String(row.last_number).padStart(4, '0')}`;
}
