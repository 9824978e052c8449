import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { closureReason, MAX_SESSIONS, planStatus } from './status.ts';

export const planId = uuid('treatment plan id');
export const planItemId = uuid('plan item id');
export const treatmentId = uuid('treatment id');
export const patientId = uuid('patient id');

export const createPlanInput = z.object({
  patientId,
  title: z.string().trim().max(200, 'is longer than 200 characters').nullish(),
  treatmentIds: z.array(treatmentId).max(100, 'has more than 100 treatments').nullish(),
});

export const listPlansInput = z.object({
  patientId: patientId.nullish(),
  status: z.array(z.enum(planStatus.values)).nullish(),
});

export const planSessionId = uuid('plan session id');
export const appointmentId = uuid('appointment id');

const sessionCount = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 (every item takes one visit or more)')
  .max(MAX_SESSIONS, `must be at most ${MAX_SESSIONS}`);

export const addItemInput = z.object({ planId, treatmentId, sessions: sessionCount.nullish() });

export const setSessionsInput = z.object({
  itemId: planItemId,
  count: sessionCount,
  remove: z.array(uuid('plan session id')).max(MAX_SESSIONS, `has more than ${MAX_SESSIONS} sessions`).nullish(),
});

export const linkSessionInput = z.object({ sessionId: planSessionId, appointmentId: appointmentId.nullish() });

export const closePlanInput = z.object({
  id: planId,
  reason: z.enum(closureReason.values),
  note: z.string().trim().max(2000, 'is longer than 2000 characters').nullish(),
});
