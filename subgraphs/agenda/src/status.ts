import { defineStatusMachine } from '@dentalpin/core';

/**
 * THE appointment lifecycle: every status change (API, agent tools, web through `allowedTransitions`) is
 * checked against this table. completed, cancelled and no_show are final. IN_TREATMENT also needs a
 * cabinet (CABINET_REQUIRED), which the service checks after the table.
 */
export const appointmentStatus = defineStatusMachine({
  subject: 'appointment',
  states: ['scheduled', 'confirmed', 'checked_in', 'in_treatment', 'completed', 'cancelled', 'no_show'],
  transitions: {
    scheduled: ['confirmed', 'checked_in', 'cancelled', 'no_show'],
    confirmed: ['checked_in', 'cancelled', 'no_show'],
    checked_in: ['in_treatment', 'cancelled'],
    in_treatment: ['completed', 'cancelled'],
    completed: [],
    cancelled: [],
    no_show: [],
  },
});
export type AppointmentStatus = (typeof appointmentStatus.values)[number];
