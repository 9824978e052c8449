import type { DemoContext } from '@dentalpin/core';
import { Patient } from './entities.ts';

const FIRST = [
  'Lucía',
  'Hugo',
  'Martina',
  'Mateo',
  'Sofía',
  'Leo',
  'Julia',
  'Daniel',
  'Paula',
  'Pablo',
  'Valeria',
  'Álvaro',
];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Ruiz', 'Díaz', 'Moreno'];

/** Three dozen patients with plausible contact data. */
export async function seedDemoPatients(ctx: DemoContext): Promise<void> {
  for (let i = 0; i < 36; i++) {
    const firstName = FIRST[i % FIRST.length];
    const lastName = `${LAST[(i * 7) % LAST.length]} ${LAST[(i * 3 + 1) % LAST.length]}`;
    ctx.em.create(Patient, {
      clinicId: ctx.clinicId,
      firstName,
      lastName,
      phone: `+34 6${String(10000000 + i * 7919).slice(0, 8)}`,
      email: `${firstName
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.${i}@example.com`,
      dateOfBirth: `${1950 + ((i * 13) % 60)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      notes: null,
      status: 'active',
      doNotContact: i % 11 === 0,
    });
  }
}
