import { defineStatusMachine } from '@dentalpin/core';

/**
 * A treatment is PLANNED until a professional performs it; PERFORMED is final (a wrong record is
 * deleted — softly — and recorded again, so performing twice never books a treatment twice).
 */
export const treatmentStatus = defineStatusMachine({
  subject: 'treatment',
  states: ['planned', 'performed'],
  transitions: { planned: ['performed'], performed: [] },
});
export type TreatmentStatus = (typeof treatmentStatus.values)[number];
