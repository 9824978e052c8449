import { randomUUID } from 'node:crypto';
import { clinicTimezone, localToday, parseClinicDateTime, type DemoContext } from '@dentalpin/core';
import { Appointment, AppointmentStatusEvent, Cabinet } from './entities.ts';
import { DEFAULT_CABINET } from './service/index.ts';
import type { AppointmentStatus } from './status.ts';

const DAY: [hour: number, minute: number, treatment: string, status: AppointmentStatus, cabinet: 0 | 1 | null][] = [
  [9, 0, 'Check-up', 'completed', 0],
  [9, 45, 'Cleaning', 'completed', 1],
  [10, 30, 'Filling', 'in_treatment', 0],
  [11, 15, 'Check-up', 'checked_in', null],
  [12, 0, 'Extraction', 'confirmed', 1],
  [16, 0, 'Whitening', 'scheduled', null],
  [16, 45, 'Orthodontics review', 'scheduled', 0],
];

/** A believable day on the demo clinic's board: two cabinets and appointments in every column. */
export async function seedDemoAgenda(ctx: DemoContext): Promise<void> {
  const { em, clinicId } = ctx;
  const professionalId = ctx.users.dentist;
  // The first patients by name, as the other demos pick theirs: the day shows the ones with a history.
  const patients: { id: string }[] = await em
    .getConnection()
    .execute(
      `select id from patients where clinic_id = ? and status = 'active' order by last_name, first_name, id limit ?`,
      [clinicId, DAY.length],
      'all',
      em.getTransactionContext(),
    );
  if (!professionalId || !patients.length) return;
  // clinic.created is delivered asynchronously; the demo must not wait for it.
  for (const [i, name] of [DEFAULT_CABINET.name, 'Room 2'].entries())
    await em.getConnection().execute(
      `insert into cabinets (id, clinic_id, name, color, display_order) values (?, ?, ?, ?, ?)
         on conflict (clinic_id, name) do nothing`,
      [randomUUID(), clinicId, name, i ? '#10B981' : DEFAULT_CABINET.color, i + 1],
      'run',
      em.getTransactionContext(),
    );
  const cabinets = await em.find(Cabinet, { clinicId }, { orderBy: { displayOrder: 'asc' } });
  const tz = await clinicTimezone(em, clinicId);
  const today = localToday(tz);
  const appointments = DAY.map(([hour, minute, treatmentType, status, cabinet], i) => {
    const start = parseClinicDateTime(
      `${today}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      tz,
      'start',
    );
    return em.create(Appointment, {
      id: randomUUID(),
      clinicId,
      patientId: patients[i % patients.length].id,
      professionalId,
      cabinetId: cabinet === null ? null : cabinets[Math.min(cabinet, cabinets.length - 1)].id,
      cabinetAssignedAt: cabinet === null ? null : new Date(),
      cabinetAssignedBy: null,
      startTime: start,
      endTime: new Date(start.getTime() + 40 * 60_000),
      treatmentType,
      notes: null,
      status,
      currentStatusSince: new Date(),
    });
  });
  // Appointments first: the history rows reference them.
  await em.flush();
  for (const appointment of appointments)
    em.create(AppointmentStatusEvent, {
      clinicId,
      appointmentId: appointment.id,
      fromStatus: null,
      toStatus: 'scheduled',
      changedAt: new Date(),
      changedBy: null,
      note: 'demo data',
    });
  await em.flush();
}
