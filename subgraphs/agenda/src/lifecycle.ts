import { DomainError } from '@dentalpin/core';

export const APPOINTMENT_STATUSES = [
  'scheduled',
  'confirmed',
  'checked_in',
  'in_treatment',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * THE appointment lifecycle: every status change (API, agent tools, web) is checked against this table.
 * completed, cancelled and no_show are terminal.
 */
export const TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  scheduled: ['confirmed', 'checked_in', 'cancelled', 'no_show'],
  confirmed: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['in_treatment', 'cancelled'],
  in_treatment: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses whose appointments hold their slot (the partial unique index uses the same list). */
export const LIVE_STATUSES: readonly AppointmentStatus[] = [
  'scheduled',
  'confirmed',
  'checked_in',
  'in_treatment',
  'completed',
];

/** The statuses `from` may move to, as the API shows them (the web offers only these). */
export const allowedFrom = (from: AppointmentStatus) => TRANSITIONS[from].map(toGraphQL);
export const isTerminal = (s: AppointmentStatus) => TRANSITIONS[s].length === 0;
export const toGraphQL = (s: AppointmentStatus) => s.toUpperCase();
export const fromGraphQL = (s: string): AppointmentStatus => {
  const status = s.toLowerCase() as AppointmentStatus;
  if (!APPOINTMENT_STATUSES.includes(status))
    throw new DomainError('BAD_USER_INPUT', `"${s}" is not an appointment status.`);
  return status;
};

/** Throws the contract error for a refused change; returns nothing when `from → to` is allowed. */
export function checkTransition(from: AppointmentStatus, to: AppointmentStatus, hasCabinet: boolean): void {
  if (from === to) throw new DomainError('ALREADY_IN_STATE', `The appointment is already ${toGraphQL(to)}.`);
  if (!TRANSITIONS[from].includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `An appointment cannot go from ${toGraphQL(from)} to ${toGraphQL(to)}${
        isTerminal(from)
          ? ` (${toGraphQL(from)} is final)`
          : `; allowed: ${TRANSITIONS[from].map(toGraphQL).join(', ')}`
      }.`,
      { from: toGraphQL(from), to: toGraphQL(to), allowed: TRANSITIONS[from].map(toGraphQL) },
    );
  if (to === 'in_treatment' && !hasCabinet)
    throw new DomainError('CABINET_REQUIRED', 'Assign a cabinet before moving the appointment to IN_TREATMENT.');
}
