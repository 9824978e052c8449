/**
 * A timeline entry in the reader's language. The server keeps, per entry, the event type and the fields it
 * shows (`data`); its `title` and `description` are English text for the API and agent tools. Here the title
 * comes from the event type and the details from `data`: money in the clinic's currency, times in the clinic's
 * time zone, coded values named. What this layer cannot word (an event type of a newer module, an entry recorded
 * before it kept a field) shows as the server wrote it.
 */

type Data = Record<string, unknown>;

export interface TimelineEntryText {
  type: string;
  category: string;
  title: string;
  description?: string | null;
  /** Null when the reader may not see the entry's source: only a generic title is shown then. */
  data?: unknown;
}

export interface EntryFormat {
  t: (key: string, named?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  /** An exact decimal string in the clinic's currency. */
  money: (amount: string) => string;
  /** A moment as the clinic's date and time. */
  dateTime: (iso: string) => string;
  locale: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Details of one kind of entry, or null when `data` lacks what they need (the server's text is shown then). */
type Details = (
  data: Data,
  f: EntryFormat,
  named: (group: string, value: unknown) => string | null,
) => (string | null)[] | null;

const visit: Details = (d, f) => {
  const start = text(d.start_time);
  return [
    text(d.treatment_type),
    start ? f.t('timeline.detail.on', { when: f.dateTime(start) }) : null,
    text(d.cabinet) ? f.t('timeline.detail.in', { cabinet: d.cabinet }) : null,
    text(d.note),
  ];
};

const money: Details = (d, f, named) => {
  const amount = text(d.amount) ?? text(d.total);
  return [
    text(d.budget_number) ?? text(d.invoice_number),
    named('refundReasons', d.reason_code),
    amount ? f.money(amount) : null,
    named('methods', d.method),
    named('acceptedVia', d.accepted_via),
    text(d.reason),
  ];
};

const tooth = (n: unknown, f: EntryFormat) => (n != null && n !== '' ? f.t('timeline.detail.tooth', { n }) : null);

/** By the event type's first segment (`appointment.completed` → `appointment`). */
const DETAILS: Record<string, Details> = {
  appointment: visit,
  budget: money,
  invoice: money,
  payment: money,
  credit_note: money,
  patient: (d, f) =>
    Array.isArray(d.changes)
      ? [
          f.t('timeline.detail.changed', {
            fields: (d.changes as string[])
              .map((c) => (f.te(`timeline.fields.${c}`) ? f.t(`timeline.fields.${c}`) : c))
              .join(', '),
          }),
        ]
      : [],
  notification: (d, f, named) => [named('templates', d.template_key), named('channels', d.channel)],
  odontogram: (d, f) => {
    if (!('clinical_type' in d)) return [tooth(d.tooth_number, f)];
    const teeth = Array.isArray(d.tooth_numbers) ? (d.tooth_numbers as number[]) : [];
    // The odontogram's layer names its clinical types (`odontogram.clinical_types.*` in the shared catalogue);
    // without that layer the code is shown readably.
    const type = typeof d.clinical_type === 'string' ? `odontogram.clinical_types.${d.clinical_type}` : null;
    return [
      type && f.te(type) ? f.t(type) : humanize(d.clinical_type),
      teeth.length ? f.t('timeline.detail.teeth', { list: teeth.join(', ') }) : null,
      text(d.price) ? f.money(d.price as string) : null,
    ];
  },
  clinical_note: (d, f) =>
    'body_excerpt' in d || !('owner_type' in d) ? [tooth(d.tooth_number, f), text(d.body_excerpt)] : null,
  document: (d, _f, named) => [text(d.title), named('documentTypes', d.document_type)],
  treatment_plan: (d, _f, named) => [text(d.plan_number), named('closureReasons', d.closure_reason)],
  periodontogram: () => [],
  recall: (d, f, named) => {
    const month = text(d.due_month);
    return [
      named('recallReasons', d.reason),
      month && /^\d{4}-\d{2}/.test(month)
        ? new Intl.DateTimeFormat(f.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(`${month.slice(0, 7)}-01T00:00:00Z`),
          )
        : month,
    ];
  },
  patient_relationship: (d, _f, named) =>
    'related_patient_name' in d ? [text(d.related_patient_name), named('relationships', d.relationship_type)] : null,
};

/** `patient.medical_updated` is the patient's, but worded by section. */
const BY_TYPE: Record<string, Details> = {
  'patient.medical_updated': (d, f, named) =>
    d.section ? [f.t('timeline.detail.section', { section: named('sections', d.section) })] : null,
};

function humanize(value: unknown): string | null {
  return typeof value === 'string' && value ? value.toLowerCase().replace(/_/g, ' ') : null;
}

export function entryText(entry: TimelineEntryText, f: EntryFormat): { title: string; description: string | null } {
  const category = entry.category.toUpperCase();
  if (entry.data === null || entry.data === undefined || typeof entry.data !== 'object')
    return {
      title: f.te(`timeline.hidden.${category}`) ? f.t(`timeline.hidden.${category}`) : entry.title,
      description: null,
    };
  const data = entry.data as Data;
  const base = `timeline.types.${entry.type.replace(/\./g, '_')}`;
  const status = text(data.new_status)?.toUpperCase();
  const titleKey = status && f.te(`${base}_${status}`) ? `${base}_${status}` : base;
  const title = f.te(titleKey) ? f.t(titleKey) : entry.title;
  // A coded value by its name in the reader's language, else readable as it is.
  const named = (group: string, value: unknown): string | null => {
    if (typeof value !== 'string' || !value) return null;
    const key = `timeline.values.${group}.${value.toUpperCase()}`;
    return f.te(key) ? f.t(key) : humanize(value);
  };
  const details = BY_TYPE[entry.type] ?? DETAILS[entry.type.split('.')[0]!];
  const parts = details?.(data, f, named);
  if (!details || parts === null || parts === undefined) return { title, description: entry.description ?? null };
  return { title, description: parts.filter(Boolean).join(' · ') || null };
}
