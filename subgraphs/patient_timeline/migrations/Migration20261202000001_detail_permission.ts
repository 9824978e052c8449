import { Migration } from '@dentalpin/core';

const VISIT = ['appointment_id', 'treatment_type', 'start_time', 'cabinet', 'note', 'to_status'];
const BUDGET = ['budget_id', 'budget_number', 'total'];
const INVOICE = ['invoice_id', 'invoice_number', 'total'];

/**
 * The entries written before 0.2.0, as that version maps them: the permission each source declares for
 * its events, and the payload fields the entry shows (a frozen copy: later mappings do not change it).
 */
const SOURCES: { types: string[]; permission: string; fields: string[] }[] = [
  { types: ['patient.created', 'patient.archived'], permission: 'patients.read', fields: [] },
  { types: ['patient.updated'], permission: 'patients.read', fields: ['changes'] },
  {
    types: ['scheduled', 'confirmed', 'checked_in', 'in_treatment', 'completed', 'cancelled', 'no_show'].map(
      (s) => `appointment.${s}`,
    ),
    permission: 'agenda.appointments.read',
    fields: VISIT,
  },
  { types: ['budget.sent', 'budget.expired'], permission: 'budget.read', fields: BUDGET },
  { types: ['budget.accepted'], permission: 'budget.read', fields: [...BUDGET, 'accepted_via'] },
  { types: ['budget.rejected', 'budget.cancelled'], permission: 'budget.read', fields: [...BUDGET, 'reason'] },
  {
    types: ['invoice.issued', 'invoice.paid', 'invoice.voided', 'credit_note.issued'],
    permission: 'billing.read',
    fields: INVOICE,
  },
  {
    types: ['invoice.payment_recorded'],
    permission: 'billing.read',
    fields: ['invoice_id', 'invoice_number', 'amount', 'method'],
  },
  {
    types: ['notification.sent', 'notification.failed'],
    permission: 'notifications.logs.read',
    fields: ['message_id', 'template_key', 'channel'],
  },
  { types: ['patient.medical_updated'], permission: 'patients_clinical.medical.read', fields: ['section'] },
];

const list = (values: string[]) => values.map(() => '?').join(', ');

/**
 * Each entry records the permission guarding its details at the source, and keeps only the payload
 * fields it shows (the entry's copy of the event is trimmed; the source module keeps the record).
 * Rows of an event type no source declares stay guarded by `*` (only full grants see them).
 */
export class Migration20261202000001_detail_permission extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table patient_timeline add column detail_permission varchar(150) not null default '*'`);
    const knex = this.getKnex();
    for (const { types, permission, fields } of SOURCES) {
      const kept = fields.length
        ? `coalesce((select jsonb_object_agg(key, value) from jsonb_each(event_data) where key in (${list(fields)})), '{}'::jsonb)`
        : `'{}'::jsonb`;
      this.addSql(
        knex.raw(
          `update patient_timeline set detail_permission = ?, event_data = ${kept} where event_type in (${list(types)})`,
          [permission, ...fields, ...types],
        ),
      );
    }
    this.addSql(`alter table patient_timeline alter column detail_permission drop default`);
  }

  override async down(): Promise<void> {
    // The trimmed payload fields are not restored: they live on in their source modules.
    this.addSql(`alter table patient_timeline drop column if exists detail_permission`);
  }
}
