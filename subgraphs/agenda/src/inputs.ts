import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { appointmentStatus } from './status.ts';

export const note = z.string().trim().max(500, 'is longer than 500 characters').nullish();

export const cabinetInput = z.object({
  name: z.string().trim().min(1, 'is required').max(50, 'is longer than 50 characters'),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'must be a hex colour like #3B82F6')
    .nullish(),
  displayOrder: z.number().int().min(0).nullish(),
  isActive: z.boolean().nullish(),
});

export const scheduleInput = z.object({
  patientId: uuid('patient id'),
  professionalId: uuid('professional id'),
  cabinetId: uuid('cabinet id').nullish(),
  startTime: z.string(),
  endTime: z.string(),
  treatmentType: z.string().trim().max(100, 'is longer than 100 characters').nullish(),
  notes: z.string().trim().max(5000).nullish(),
});

export const listInput = z.object({
  from: z.string(),
  to: z.string(),
  cabinetId: uuid('cabinet id').nullish(),
  professionalId: uuid('professional id').nullish(),
  patientId: uuid('patient id').nullish(),
  status: z.array(z.enum(appointmentStatus.values)).nullish(),
});

export const dayFilter = z.object({
  cabinetId: uuid('cabinet id').nullish(),
  professionalId: uuid('professional id').nullish(),
});
