import { z } from 'zod';
import {
  eventPayload,
  publish,
  type DomainEvent,
  type EventDeclaration,
  type EventHandler,
  type EventHandlerContext,
} from '@dentalpin/core';
import type { Category } from './status.ts';

type Payload = Record<string, unknown>;

interface Entry {
  category: Category;
  title: string;
  description: string | null;
  /** The payload fields the entry shows: the only part of the event it keeps. */
  data: Payload;
  occurredAt: string | Date;
  sourceId: string | null;
  createdBy: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const when = (iso: unknown) => (typeof iso === 'string' ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '');
const pick = (p: Payload, fields: readonly (string | null)[]): Payload =>
  Object.fromEntries(fields.flatMap((f) => (f && p[f] !== undefined ? [[f, p[f]]] : [])));

/** How each consumed event becomes a timeline entry (by type name only: this module imports no other module). */
const ENTRIES: Record<string, (p: Payload, e: DomainEvent) => Entry | null> = {
  'patient.created': (p, e) => note('Patient registered', null, e, p),
  'patient.updated': (p, e) =>
    note('Patient details updated', `Changed: ${((p.changes as string[]) ?? []).join(', ')}`, e, p, ['changes']),
  'patient.archived': (p, e) => note('Patient archived', null, e, p),
  'appointment.scheduled': (p) => visit('Appointment scheduled', p, p.start_time as string),
  'appointment.confirmed': (p) => visit('Appointment confirmed', p),
  'appointment.checked_in': (p) => visit('Checked in', p),
  'appointment.in_treatment': (p) => visit('Treatment started', p),
  'appointment.completed': (p) => visit('Visit completed', p),
  'appointment.cancelled': (p) => visit('Appointment cancelled', p),
  'appointment.no_show': (p) => visit('Did not attend', p),
  'budget.sent': (p, e) => money('Budget sent', p, e, { ...BUDGET, by: 'sent_by' }),
  'budget.accepted': (p, e) => money('Budget accepted', p, e, { ...BUDGET, by: 'accepted_by', detail: 'accepted_via' }),
  'budget.rejected': (p, e) => money('Budget rejected', p, e, { ...BUDGET, detail: 'reason' }),
  'budget.expired': (p, e) => money('Budget expired', p, e, BUDGET),
  'budget.cancelled': (p, e) => money('Budget cancelled', p, e, { ...BUDGET, detail: 'reason' }),
  'invoice.issued': (p, e) => money('Invoice issued', p, e, { ...INVOICE, by: 'issued_by' }),
  // A part of a payment taken on the patient's account (source_id set) is shown once, as that payment.
  'invoice.payment_recorded': (p, e) =>
    p.source_id ? null : money('Payment received', p, e, { ...INVOICE, amount: 'amount', detail: 'method' }),
  'invoice.payment_refunded': (p, e) =>
    p.source_id ? null : money('Invoice payment refunded', p, e, { ...INVOICE, amount: 'amount', detail: 'method' }),
  // Mirrors of payments taken in billing (origin BILLING) are already on the timeline as invoice payments.
  'payment.recorded': (p, e) =>
    p.origin === 'BILLING'
      ? null
      : money('Payment received', p, e, { id: 'payment_id', number: 'method', amount: 'amount', by: 'recorded_by' }),
  'payment.refunded': (p, e) =>
    money('Payment refunded', p, e, {
      id: 'refund_id',
      number: 'reason_code',
      amount: 'amount',
      detail: 'method',
      by: 'refunded_by',
    }),
  'invoice.paid': (p, e) => money('Invoice paid in full', p, e, INVOICE),
  'invoice.voided': (p, e) => money('Invoice voided', p, e, INVOICE),
  'credit_note.issued': (p, e) => money('Credit note issued', p, e, INVOICE),
  'notification.sent': (p, e) => message('Message sent', p, e),
  'notification.failed': (p, e) => (p.will_retry ? null : message('Message could not be delivered', p, e)),
  // Only the section, never the summary: what changed is read in the medical history itself.
  'patient.medical_updated': (p, e) => ({
    category: 'medical',
    title: 'Medical history updated',
    description: `Section: ${String(p.section ?? '').replace(/_/g, ' ')}`,
    data: pick(p, ['section']),
    occurredAt: e.occurredAt,
    sourceId: str(p.patient_id),
    createdBy: str(p.user_id),
  }),
  'odontogram.tooth.updated': (p, e) => ({
    category: 'treatment',
    title: 'Tooth chart updated',
    description: `Tooth ${String(p.tooth_number ?? '')}`,
    data: pick(p, ['tooth_number']),
    occurredAt: e.occurredAt,
    sourceId: null,
    createdBy: str(p.changed_by),
  }),
  'odontogram.treatment.planned': (p, e) => treatment('Treatment planned', p, e, null),
  'odontogram.treatment.performed': (p, e) => treatment('Treatment performed', p, e, 'performed_by'),
  'odontogram.treatment.deleted': (p, e) => treatment('Treatment removed from the plan', p, e, 'deleted_by'),
  // The excerpt is clinical: the entry keeps notes.read as its detail permission (see `record`).
  'clinical_note.created': (p, e) => ({
    category: 'note',
    title: 'Clinical note added',
    description: [p.tooth_number ? `Tooth ${String(p.tooth_number)}` : null, str(p.body_excerpt)]
      .filter(Boolean)
      .join(' · '),
    data: pick(p, ['note_id', 'owner_type', 'owner_id', 'tooth_number', 'body_excerpt']),
    occurredAt: e.occurredAt,
    sourceId: str(p.note_id),
    createdBy: str(p.author_id),
  }),
  'clinical_note.deleted': (p, e) => ({
    category: 'note',
    title: 'Clinical note removed',
    description: null,
    data: pick(p, ['note_id']),
    occurredAt: e.occurredAt,
    sourceId: str(p.note_id),
    createdBy: str(p.deleted_by),
  }),
  'document.uploaded': (p, e) => documentEntry('Document added', p, e),
  'document.archived': (p, e) => documentEntry('Document archived', p, e),
  'treatment_plan.created': (p, e) => plan('Treatment plan created', p, e, null),
  'treatment_plan.confirmed': (p, e) => plan('Treatment plan confirmed, budget created', p, e, 'confirmed_by'),
  'treatment_plan.closed': (p, e) => plan('Treatment plan closed', p, e, 'closed_by', 'closure_reason'),
  'treatment_plan.reactivated': (p, e) => plan('Treatment plan reactivated', p, e, 'reactivated_by'),
  // Confirming and closing have their own entries; the budget's answer and the last item move it here.
  'treatment_plan.status_changed': (p, e) =>
    p.new_status === 'ACTIVE' || p.new_status === 'COMPLETED' || p.new_status === 'ARCHIVED'
      ? plan(PLAN_STATUS_TITLES[p.new_status], p, e, null)
      : null,
  'treatment_plan.item_completed': (p, e) => plan('Treatment plan item completed', p, e, null),
  'periodontogram.exam.closed': (p, e) => ({
    category: 'treatment',
    title: 'Periodontal exam closed',
    description: null,
    data: pick(p, ['exam_id']),
    occurredAt: e.occurredAt,
    sourceId: str(p.exam_id),
    createdBy: null,
  }),
  'recall.created': (p, e) => recall('Recall created', p, e),
  'recall.contact_logged': (p, e) => ({ ...recall('Recall contact logged', p, e), category: 'communication' }),
  'recall.completed': (p, e) => recall('Recall done', p, e),
  'recall.cancelled': (p, e) => recall('Recall cancelled', p, e),
  'patient_relationship.created': (p, e) => family('Family link added', p, e),
  'patient_relationship.updated': (p, e) => family('Family link changed', p, e),
  'patient_relationship.removed': (p, e) => family('Family link removed', p, e),
};

/** An odontogram treatment: type, teeth and price (net, all teeth), never the clinical notes. */
function treatment(title: string, p: Payload, e: DomainEvent, by: string | null): Entry {
  const teeth = Array.isArray(p.tooth_numbers) ? (p.tooth_numbers as number[]) : [];
  const parts = [
    str(p.clinical_type)?.replace(/_/g, ' '),
    teeth.length ? `teeth ${teeth.join(', ')}` : null,
    str(p.price),
  ];
  return {
    category: 'treatment',
    title,
    description: parts.filter(Boolean).join(' · ') || null,
    data: pick(p, ['treatment_id', 'clinical_type', 'tooth_numbers', 'price', 'status']),
    occurredAt: e.occurredAt,
    sourceId: str(p.treatment_id),
    createdBy: by ? str(p[by]) : null,
  };
}

const PLAN_STATUS_TITLES = {
  ACTIVE: 'Treatment plan started',
  COMPLETED: 'Treatment plan completed',
  ARCHIVED: 'Treatment plan archived',
};

/** A treatment plan: its number, and why it was closed. */
function plan(title: string, p: Payload, e: DomainEvent, by: string | null, detail?: string): Entry {
  const why = detail ? str(p[detail])?.toLowerCase().replace(/_/g, ' ') : null;
  return {
    category: 'treatment',
    title,
    description: [str(p.plan_number), why].filter(Boolean).join(' · ') || null,
    data: pick(p, ['plan_id', 'plan_number', 'new_status', detail ?? null]),
    occurredAt: e.occurredAt,
    sourceId: str(p.plan_id),
    createdBy: by ? str(p[by]) : null,
  };
}

function documentEntry(title: string, p: Payload, e: DomainEvent): Entry {
  return {
    category: 'document',
    title,
    description: [str(p.title), str(p.document_type)?.replace(/_/g, ' ')].filter(Boolean).join(' · ') || null,
    data: pick(p, ['document_id', 'document_type', 'title']),
    occurredAt: e.occurredAt,
    sourceId: str(p.document_id),
    createdBy: null,
  };
}

/** A recall: why and for which month (the contact's note stays in the recalls module). */
function recall(title: string, p: Payload, e: DomainEvent): Entry {
  return {
    category: 'visit',
    title,
    description:
      [str(p.reason)?.toLowerCase().replace(/_/g, ' '), str(p.due_month)].filter(Boolean).join(' · ') || null,
    data: pick(p, ['recall_id', 'reason', 'due_month', 'status']),
    occurredAt: e.occurredAt,
    sourceId: str(p.recall_id),
    createdBy: null,
  };
}

/** A family link, on the side of the patient it was entered for: who the other patient is to them. */
function family(title: string, p: Payload, e: DomainEvent): Entry {
  const type = str(p.relationship_type)?.toLowerCase();
  return {
    category: 'note',
    title,
    description: [str(p.related_patient_name), type].filter(Boolean).join(' · ') || null,
    data: pick(p, ['relationship_id', 'related_patient_id', 'related_patient_name', 'relationship_type']),
    occurredAt: e.occurredAt,
    sourceId: str(p.relationship_id),
    createdBy: null,
  };
}

function note(title: string, description: string | null, e: DomainEvent, p: Payload, fields: string[] = []): Entry {
  return {
    category: 'note',
    title,
    description,
    data: pick(p, fields),
    occurredAt: e.occurredAt,
    sourceId: str(p.patient_id),
    createdBy: null,
  };
}

/** A communication entry: which message and how, never its text (it may hold what staff should not read). */
function message(title: string, p: Payload, e: DomainEvent): Entry {
  return {
    category: 'communication',
    title,
    description: [str(p.template_key)?.replace(/_/g, ' '), str(p.channel)].filter(Boolean).join(' · ') || null,
    data: pick(p, ['message_id', 'template_key', 'channel']),
    occurredAt: e.occurredAt,
    sourceId: str(p.message_id),
    createdBy: null,
  };
}

/** Where a financial event keeps its document id, number, amount, a detail worth showing and its author. */
interface MoneyFields {
  id: string;
  number: string;
  amount: string;
  detail?: string;
  by?: string;
}
const BUDGET: MoneyFields = { id: 'budget_id', number: 'budget_number', amount: 'total' };
const INVOICE: MoneyFields = { id: 'invoice_id', number: 'invoice_number', amount: 'total' };

/** A financial entry: the document number and amount, never more than the event carried. */
function money(title: string, p: Payload, e: DomainEvent, f: MoneyFields): Entry {
  const parts = [str(p[f.number]), str(p[f.amount]), f.detail ? str(p[f.detail]) : null];
  return {
    category: 'financial',
    title,
    description: parts.filter(Boolean).join(' · ') || null,
    data: pick(p, [f.id, f.number, f.amount, f.detail ?? null]),
    occurredAt: e.occurredAt,
    sourceId: str(p[f.id]),
    createdBy: f.by ? str(p[f.by]) : null,
  };
}

const VISIT_FIELDS = ['appointment_id', 'treatment_type', 'start_time', 'cabinet', 'note', 'to_status'];

function visit(title: string, p: Payload, occurredAt = str(p.changed_at) ?? (p.start_time as string)): Entry {
  const parts = [str(p.treatment_type), `on ${when(p.start_time)}`, p.cabinet ? `in ${p.cabinet}` : null, str(p.note)];
  return {
    category: 'visit',
    title,
    description: parts.filter(Boolean).join(' · '),
    data: pick(p, VISIT_FIELDS),
    occurredAt,
    sourceId: str(p.appointment_id),
    createdBy: str(p.changed_by),
  };
}

/**
 * Writes one entry per event in the handler's own transaction (a timeline must never fail what it logs:
 * it runs after the publisher committed). Idempotent by event id; only for a patient of the event's clinic.
 * The entry keeps the permission that guards the event at its source: readers without it see that
 * something happened, never what (see `shownEntry`).
 */
async function record(event: DomainEvent, ctx: EventHandlerContext): Promise<void> {
  const build = ENTRIES[event.type];
  const patientId = str(event.payload.patient_id);
  if (!build || !patientId) return;
  const entry = build(event.payload, event);
  if (!entry) return;
  const inserted: { id: string }[] = await ctx.em.getConnection().execute(
    `insert into patient_timeline (id, clinic_id, patient_id, event_id, event_type, category, source_id, title,
       description, event_data, detail_permission, occurred_at, created_by)
     select gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?
     where exists (select 1 from patients where id = ? and clinic_id = ?)
     on conflict (event_id) do nothing
     returning id`,
    [
      ctx.clinicId,
      patientId,
      event.id,
      event.type,
      entry.category,
      entry.sourceId,
      entry.title.slice(0, 200),
      entry.description,
      JSON.stringify(entry.data),
      ctx.eventPermission,
      new Date(entry.occurredAt),
      entry.createdBy,
      patientId,
      ctx.clinicId,
    ],
    'all',
    ctx.em.getTransactionContext(),
  );
  // Open timelines refresh on this (the entry itself is read through the API, with its detail rule).
  if (inserted.length)
    await publish(ctx.em, 'patient_timeline.entry_recorded', {
      clinic_id: ctx.clinicId,
      patient_id: patientId,
      entry_id: inserted[0].id,
      category: entry.category,
    });
}

export const CONSUMED_EVENTS = Object.keys(ENTRIES);
export const eventHandlers: Record<string, EventHandler> = Object.fromEntries(CONSUMED_EVENTS.map((t) => [t, record]));

/** Published when an entry is written: ids and category only (the entry's detail stays behind its permission). */
export const events: Record<string, EventDeclaration> = {
  'patient_timeline.entry_recorded': {
    payload: eventPayload({ patient_id: z.string().uuid(), entry_id: z.string().uuid(), category: z.string() }),
    permission: 'read',
  },
};
