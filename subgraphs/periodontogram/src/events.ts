import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';

const exam = { exam_id: z.string().uuid(), patient_id: z.string().uuid() };

/** Events periodontogram publishes; it consumes none. Both are readable with periodontogram.read. */
export const events: Record<string, EventDeclaration> = {
  'periodontogram.exam.started': { payload: eventPayload(exam), permission: 'read' },
  'periodontogram.exam.closed': {
    payload: eventPayload({
      ...exam,
      closed_at: z.string(),
      indices: z.object({
        sitesExamined: z.number().int(),
        bleedingPercent: z.number(),
        plaquePercent: z.number(),
        meanProbingDepth: z.number(),
        meanAttachmentLoss: z.number(),
        pocketsOver5mm: z.number().int(),
      }),
    }),
    permission: 'read',
  },
};
