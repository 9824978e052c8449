import { defineStatusMachine, graphqlEnum } from '@dentalpin/core';

/**
 * A recall's life: the one table the API, the tools, the event handlers and the web's buttons use.
 * A contact without an answer may be logged again (contacted_no_answer lists itself); a snooze puts any
 * open recall back to pending (pending lists itself).
 */
export const recallStatus = defineStatusMachine({
  subject: 'recall',
  states: [
    'pending',
    'contacted_no_answer',
    'contacted_scheduled',
    'contacted_declined',
    'done',
    'cancelled',
    'needs_review',
  ],
  transitions: {
    pending: [
      'pending',
      'contacted_no_answer',
      'contacted_scheduled',
      'contacted_declined',
      'done',
      'cancelled',
      'needs_review',
    ],
    contacted_no_answer: [
      'contacted_no_answer',
      'pending',
      'contacted_scheduled',
      'contacted_declined',
      'done',
      'cancelled',
      'needs_review',
    ],
    contacted_scheduled: ['pending', 'contacted_declined', 'done', 'cancelled', 'needs_review'],
    contacted_declined: ['pending', 'contacted_scheduled', 'cancelled', 'needs_review'],
    needs_review: ['pending', 'done', 'cancelled'],
    done: [],
    cancelled: [],
  },
});
export type RecallStatus = (typeof recallStatus.values)[number];

/** Open recalls: still to be called or waiting for their appointment. */
export const OPEN_STATUSES: RecallStatus[] = [
  'pending',
  'contacted_no_answer',
  'contacted_scheduled',
  'contacted_declined',
  'needs_review',
];
/** Recalls a booking may be linked to automatically. */
export const LINKABLE_STATUSES: RecallStatus[] = ['pending', 'contacted_no_answer'];

export const recallReason = graphqlEnum(
  ['hygiene', 'checkup', 'ortho_review', 'implant_review', 'post_op', 'treatment_followup', 'other'],
  'a recall reason',
);
export type RecallReason = (typeof recallReason.values)[number];

/** Default months until the next visit, per reason (the original's intervals). */
export const REASON_INTERVAL_MONTHS: Record<RecallReason, number> = {
  hygiene: 6,
  checkup: 12,
  ortho_review: 1,
  implant_review: 6,
  post_op: 1,
  treatment_followup: 3,
  other: 3,
};

/** Default days before a recall's due month starts that its reminder is sent. */
export const DEFAULT_REMINDER_LEAD_DAYS = 14;

export const recallPriority = graphqlEnum(['low', 'normal', 'high'], 'a recall priority');
export const contactChannel = graphqlEnum(['phone', 'whatsapp', 'sms', 'email'], 'a contact channel');
export const contactOutcome = graphqlEnum(
  ['no_answer', 'voicemail', 'scheduled', 'declined', 'wrong_number'],
  'a contact outcome',
);
export type ContactOutcome = (typeof contactOutcome.values)[number];

/** The status an outcome leads to; null = the status stays (a missed call on a booked recall changes nothing). */
export function statusAfterContact(from: RecallStatus, outcome: ContactOutcome): RecallStatus {
  if (outcome === 'scheduled') return 'contacted_scheduled';
  if (outcome === 'declined') return 'contacted_declined';
  return from === 'pending' || from === 'contacted_no_answer' ? 'contacted_no_answer' : from;
}

/** Where the reminder job stands for a recall (null: not yet due for one). */
export const reminderState = graphqlEnum(['claimed', 'queued', 'skipped'], 'a reminder state');

/** Where a recall may go from `from`; PENDING listed for a pending recall means it may be snoozed. */
export const allowedTransitions = (from: RecallStatus): readonly RecallStatus[] => recallStatus.transitions[from];

/**
 * Which recall a completed treatment of a catalog category calls for (catalog's category codes); a category
 * not listed suggests none.
 */
export const CATEGORY_REASON: Readonly<Record<string, RecallReason>> = {
  diagnostics: 'checkup',
  preventive: 'hygiene',
  periodontics: 'hygiene',
  restorative: 'treatment_followup',
  endodontics: 'treatment_followup',
  prosthodontics: 'treatment_followup',
  orthodontics: 'ortho_review',
  surgery: 'post_op',
  implants: 'implant_review',
};
