import type { DomainEvent, EventHandler, EventHandlerContext } from '@dentalpin/core';
import type { Category } from './entities/timeline-entry.ts';

interface Entry {
  category: Category;
  title: string;
  description: string | null;
  occurredAt: string | Date;
  sourceId: string | null;
  createdBy: string | null;
}

type Payload = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const when = (iso: unknown) => (typeof iso === 'string' ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '');

/** How each consumed event becomes a timeline entry (by type name only: this module imports no other module). */
const ENTRIES: Record<string, (p: Payload, e: DomainEvent) => Entry | null> = {
  'patient.created': (p, e) => note('Patient registered', null, e, p),
  'patient.updated': (p, e) =>
    note('Patient details updated', `Changed: ${((p.changes as string[]) ?? []).join(', ')}`, e, p),
  'patient.archived': (p, e) => note('Patient archived', null, e, p),
  'appointment.scheduled': (p) => visit('Appointment scheduled', p, p.start_time as string),
  'appointment.confirmed': (p) => visit('Appointment confirmed', p),
  'appointment.checked_in': (p) => visit('Checked in', p),
  'appointment.in_treatment': (p) => visit('Treatment started', p),
  'appointment.completed': (p) => visit('Visit completed', p),
  'appointment.cancelled': (p) => visit('Appointment cancelled', p),
  'appointment.no_show': (p) => visit('Did not attend', p),
  'budget.sent': (p, e) => money('Budget sent', p.budget_number, p, e, p.budget_id, p.sent_by),
  'budget.accepted': (p, e) =>
    money('Budget accepted', p.budget_number, p, e, p.budget_id, p.accepted_by, str(p.accepted_via)),
  'budget.rejected': (p, e) => money('Budget rejected', p.budget_number, p, e, p.budget_id, null, str(p.reason)),
  'budget.expired': (p, e) => money('Budget expired', p.budget_number, p, e, p.budget_id),
  'budget.cancelled': (p, e) => money('Budget cancelled', p.budget_number, p, e, p.budget_id, null, str(p.reason)),
  'invoice.issued': (p, e) => money('Invoice issued', p.invoice_number, p, e, p.invoice_id, p.issued_by),
  'invoice.payment_recorded': (p, e) =>
    money('Payment received', p.invoice_number, { ...p, total: p.amount }, e, p.invoice_id, null, str(p.method)),
  'invoice.paid': (p, e) => money('Invoice paid in full', p.invoice_number, p, e, p.invoice_id),
  'invoice.voided': (p, e) => money('Invoice voided', p.invoice_number, p, e, p.invoice_id),
  'credit_note.issued': (p, e) => money('Credit note issued', p.invoice_number, p, e, p.invoice_id),
  'notification.sent': (p, e) => message('Message sent', p, e),
  'notification.failed': (p, e) => (p.will_retry ? null : message('Message could not be delivered', p, e)),
  // Only the section: the timeline is readable by staff who may not see medical details.
  'patient.medical_updated': (p, e) => ({
    category: 'medical',
    title: 'Medical history updated',
    description: `Section: ${String(p.section ?? '').replace(/_/g, ' ')}`,
    occurredAt: e.occurredAt,
    sourceId: str(p.patient_id),
    createdBy: str(p.user_id),
  }),
};

function note(title: string, description: string | null, e: DomainEvent, p: Payload): Entry {
  return {
    category: 'note',
    title,
    description,
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
    occurredAt: e.occurredAt,
    sourceId: str(p.message_id),
    createdBy: null,
  };
}

/** A financial entry: the document number and amount, never more than the event carried. */
function money(
  title: string,
  number: unknown,
  p: Payload,
  e: DomainEvent,
  sourceId: unknown,
  by: unknown = null,
  detail: string | null = null,
): Entry {
  const parts = [str(number), typeof p.total === 'string' ? p.total : null, detail];
  return {
    category: 'financial',
    title,
    description: parts.filter(Boolean).join(' · ') || null,
    occurredAt: e.occurredAt,
    sourceId: str(sourceId),
    createdBy: str(by),
  };
}

function visit(title: string, p: Payload, occurredAt = str(p.changed_at) ?? (p.start_time as string)): Entry {
  const parts = [str(p.treatment_type), `on ${when(p.start_time)}`, p.cabinet ? `in ${p.cabinet}` : null, str(p.note)];
  return {
    category: 'visit',
    title,
    description: parts.filter(Boolean).join(' · '),
    occurredAt,
    sourceId: str(p.appointment_id),
    createdBy: str(p.changed_by),
  };
}

/**
 * Writes one entry per event in the handler's own transaction (a timeline must never fail what it logs:
 * it runs after the publisher committed). Idempotent by event id; only for a patient of the event's clinic.
 */
async function record(event: DomainEvent, ctx: EventHandlerContext): Promise<void> {
  const build = ENTRIES[event.type];
  const patientId = str(event.payload.patient_id);
  if (!build || !patientId) return;
  const entry = build(event.payload, event);
  if (!entry) return;
  await ctx.em.getConnection().execute(
    `insert into patient_timeline (id, clinic_id, patient_id, event_id, event_type, category, source_id, title,
       description, event_data, occurred_at, created_by)
     select gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?
     where exists (select 1 from patients where id = ? and clinic_id = ?)
     on conflict (event_id) do nothing`,
    [
      ctx.clinicId,
      patientId,
      event.id,
      event.type,
      entry.category,
      entry.sourceId,
      entry.title.slice(0, 200),
      entry.description,
      JSON.stringify(event.payload),
      new Date(entry.occurredAt),
      entry.createdBy,
      patientId,
      ctx.clinicId,
    ],
    'run',
    ctx.em.getTransactionContext(),
  );
}

export const CONSUMED_EVENTS = Object.keys(ENTRIES);
export const eventHandlers: Record<string, EventHandler> = Object.fromEntries(CONSUMED_EVENTS.map((t) => [t, record]));
