import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { appointmentStatus, type AppointmentStatus } from './status.ts';

export const Cabinet = defineEntity({
  name: 'Cabinet',
  tableName: 'cabinets',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    name: p.string().length(50),
    color: p.string().length(7),
    displayOrder: p.integer(),
    isActive: p.boolean().default(true),
    ...timestamps(p),
  }),
});
export type Cabinet = InferEntity<typeof Cabinet>;

/**
 * Longest appointment. Besides keeping typos (an end a day late) out, it lets a window read only its own
 * appointments: whatever overlaps [from, to) starts in [from − this, to), a range the (clinic_id, start_time) index
 * bounds on both sides, whatever the planner guesses about start and end together.
 */
export const MAX_APPOINTMENT_HOURS = 24;

export const Appointment = defineEntity({
  name: 'Appointment',
  tableName: 'appointments',
  checks: [
    {
      name: 'appointments_span_check',
      // As PostgreSQL prints it back (an interval literal as `'24:00:00'::interval`), so the drift check compares equal.
      expression: `end_time > start_time and end_time - start_time <= '${MAX_APPOINTMENT_HOURS}:00:00'::interval`,
    },
  ],
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    professionalId: p.uuid(),
    cabinetId: p.uuid().nullable(),
    cabinetAssignedAt: p.datetime().columnType('timestamptz').nullable(),
    cabinetAssignedBy: p.uuid().nullable(),
    startTime: p.datetime().columnType('timestamptz'),
    endTime: p.datetime().columnType('timestamptz'),
    treatmentType: p.string().length(100).nullable(),
    notes: p.text().nullable(),
    status: p.enum([...appointmentStatus.values]).default('scheduled'),
    currentStatusSince: p.datetime().columnType('timestamptz'),
    ...timestamps(p),
  }),
});
export type Appointment = InferEntity<typeof Appointment>;

/** Append-only: one row per status change (from NULL for the creation row). */
export const AppointmentStatusEvent = defineEntity({
  name: 'AppointmentStatusEvent',
  tableName: 'appointment_status_events',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    appointmentId: p.uuid(),
    fromStatus: p.string().length(20).$type<AppointmentStatus>().nullable(),
    toStatus: p.string().length(20).$type<AppointmentStatus>(),
    changedAt: p.datetime().columnType('timestamptz'),
    changedBy: p.uuid().nullable(),
    note: p.text().nullable(),
  }),
});
export type AppointmentStatusEvent = InferEntity<typeof AppointmentStatusEvent>;

/** Append-only: one row per cabinet assignment change (NULL from = first assignment, NULL to = unassigned). */
export const AppointmentCabinetEvent = defineEntity({
  name: 'AppointmentCabinetEvent',
  tableName: 'appointment_cabinet_events',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    appointmentId: p.uuid(),
    fromCabinetId: p.uuid().nullable(),
    toCabinetId: p.uuid().nullable(),
    changedAt: p.datetime().columnType('timestamptz'),
    changedBy: p.uuid().nullable(),
    note: p.text().nullable(),
  }),
});
export type AppointmentCabinetEvent = InferEntity<typeof AppointmentCabinetEvent>;

export const ENTITIES = [Cabinet, Appointment, AppointmentStatusEvent, AppointmentCabinetEvent];
