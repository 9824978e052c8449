import type { DemoContext, Identity } from '@dentalpin/core';
import { MedicalHistoryService } from './service/index.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/**
 * A medical history for the first demo patients, recorded by the demo dentist through the service
 * (so the audit trail has it too): one of each alert kind, including a stale INR.
 */
export async function seedDemoMedicalHistory(ctx: DemoContext): Promise<void> {
  const query = ctx.em
    .getConnection()
    .getKnex()('patients')
    .where({ clinic_id: ctx.clinicId, status: 'active' })
    .orderBy(['last_name', 'first_name', 'id'])
    .limit(5)
    .pluck('id');
  const trx = ctx.em.getTransactionContext();
  const patients: string[] = await (trx ? query.transacting(trx) : query);
  if (patients.length < 5) return;
  const dentist: Identity = {
    userId: ctx.users.dentist ?? ctx.users.admin,
    email: '',
    clinicId: ctx.clinicId,
    role: 'dentist',
    isPlatformAdmin: false,
    grants: ['patients_clinical.*'],
  };
  const s = new MedicalHistoryService({ ...ctx, identity: dentist });
  const [allergic, anticoagulated, pregnant, anaesthesia, cardiac] = patients;
  await s.addRecord('allergy', allergic, {
    substance: 'Penicillin',
    type: 'medication',
    severity: 'critical',
    reaction: 'anaphylaxis',
  });
  await s.addRecord('allergy', allergic, { substance: 'Latex', type: 'latex', severity: 'medium' });
  await s.addRecord('medication', anticoagulated, {
    name: 'Acenocoumarol',
    dosage: '4 mg',
    frequency: 'daily',
    isAnticoagulant: true,
    inrValue: '2.6',
    inrDate: daysAgo(12),
  });
  await s.addRecord('systemic_disease', anticoagulated, { name: 'Atrial fibrillation', isControlled: true });
  await s.updateContext(pregnant, { isPregnant: true, pregnancyWeek: 24 });
  await s.updateContext(anaesthesia, {
    anesthesiaAdverseReaction: true,
    anesthesiaReactionDetails: 'tachycardia with articaine + epinephrine',
  });
  await s.addRecord('systemic_disease', cardiac, {
    name: 'Heart failure (NYHA III)',
    isCritical: true,
    isControlled: false,
  });
  await s.addRecord('surgical_procedure', cardiac, {
    procedure: 'Aortic valve replacement',
    surgeryDate: '2019-03-14',
  });
  await s.setEmergencyContact(cardiac, { name: 'Carmen Ruiz', relationship: 'daughter', phone: '+34 600 123 456' });
}
