import { authorize, pageSizeArgument, type RequestContext, type ServiceContext } from '@dentalpin/core';
import type { MedicalSection } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { alertsOf, MedicalHistoryService, SECTION_AREA, type MedicalContextView } from './service/index.ts';

const ALERTS_READ = 'patients_clinical.alerts.read';
const MEDICAL_READ = 'patients_clinical.medical.read';
const MEDICAL_WRITE = 'patients_clinical.medical.write';
const EMERGENCY_READ = 'patients_clinical.emergency.read';
const EMERGENCY_WRITE = 'patients_clinical.emergency.write';

/**
 * The signed-in caller, whatever they hold: for the reads that decide per row or per section what the
 * caller may see (patient references, the audit trail filtered by readable sections).
 */
const signedIn = (ctx: RequestContext): ServiceContext => ({ em: ctx.em, identity: ctx.auth.user(), query: ctx.query });

// Batched per request: one loader feeds both fields, so a page of patients costs five queries in all
// (context and the four lists), not a few per patient. Each field checks its own permission before
// loading (alerts.read for the alerts, medical.read for the context).
const historyLoader = (ctx: RequestContext) =>
  ctx.loader<string, MedicalContextView>('patients_clinical.history', async (ids) =>
    new MedicalHistoryService(signedIn(ctx)).contextsFor(ids),
  );

export const resolvers: Resolvers = {
  // GraphQL's MEDICATION, HIGH, ALLERGY, CREATE… are the stored medication, high, allergy, create…
  ...enumResolvers,
  Query: {
    medicalContext: (_, args, ctx) => new MedicalHistoryService(authorize(ctx, MEDICAL_READ)).context(args.patientId),
    medicalAlerts: (_, args, ctx) => new MedicalHistoryService(authorize(ctx, ALERTS_READ)).alerts(args.patientId),
    emergencyContact: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_READ)).emergencyContact(args.patientId),
    legalGuardian: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_READ)).legalGuardian(args.patientId),
    medicalHistoryAudit: (_, args, ctx) => {
      // Each section's trail is as confidential as the section itself.
      const readable = (Object.keys(SECTION_AREA) as MedicalSection[]).filter(
        (s) => ctx.auth.can(`patients_clinical.${SECTION_AREA[s]}.read`) && (!args.section || args.section === s),
      );
      const service = readable.length
        ? new MedicalHistoryService(signedIn(ctx))
        : new MedicalHistoryService(
            authorize(ctx, args.section && SECTION_AREA[args.section] === 'emergency' ? EMERGENCY_READ : MEDICAL_READ),
          );
      return service.audit(args.patientId, readable, pageSizeArgument('limit', args.limit, 100, 500));
    },
  },
  Mutation: {
    updateMedicalContext: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).updateContext(args.patientId, args.input),
    addAllergy: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).addRecord('allergy', args.patientId, args.input),
    updateAllergy: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).updateRecord('allergy', args.id, args.input),
    removeAllergy: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).removeRecord('allergy', args.id, args.reason),
    addMedication: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).addRecord('medication', args.patientId, args.input),
    updateMedication: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).updateRecord('medication', args.id, args.input),
    removeMedication: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).removeRecord('medication', args.id, args.reason),
    addSystemicDisease: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).addRecord(
        'systemic_disease',
        args.patientId,
        args.input,
      ),
    updateSystemicDisease: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).updateRecord('systemic_disease', args.id, args.input),
    removeSystemicDisease: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).removeRecord('systemic_disease', args.id, args.reason),
    addSurgicalProcedure: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).addRecord(
        'surgical_procedure',
        args.patientId,
        args.input,
      ),
    updateSurgicalProcedure: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).updateRecord('surgical_procedure', args.id, args.input),
    removeSurgicalProcedure: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, MEDICAL_WRITE)).removeRecord('surgical_procedure', args.id, args.reason),
    setEmergencyContact: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_WRITE)).setEmergencyContact(args.patientId, args.input),
    clearEmergencyContact: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_WRITE)).clearEmergencyContact(args.patientId, args.reason),
    setLegalGuardian: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_WRITE)).setLegalGuardian(args.patientId, args.input),
    clearLegalGuardian: (_, args, ctx) =>
      new MedicalHistoryService(authorize(ctx, EMERGENCY_WRITE)).clearLegalGuardian(args.patientId, args.reason),
  },
  MedicalAuditEntry: {
    changedByUser: (e) => ({ __typename: 'User', id: e.changedBy }),
  },
  Patient: {
    // The reference resolves only for patients of the caller's clinic (one query for all references).
    __resolveReference: async (ref, ctx) => {
      const visible = await ctx
        .loader<string, boolean>('patients_clinical.patients', async (ids) => {
          const ofClinic = await new MedicalHistoryService(signedIn(ctx)).patientsOfClinic(ids);
          return ids.map((id) => ofClinic.has(id));
        })
        .load(ref.id);
      return visible ? ref : null;
    },
    medicalAlerts: async (p, _, ctx) => {
      const service = new MedicalHistoryService(authorize(ctx, ALERTS_READ));
      return service.visibleAlerts(alertsOf(await historyLoader(ctx).load(p.id)));
    },
    medicalContext: (p, _, ctx) => {
      authorize(ctx, MEDICAL_READ);
      return historyLoader(ctx).load(p.id);
    },
    emergencyContact: (p, _, ctx) =>
      ctx
        .loader('patients_clinical.emergencyContacts', async (ids: readonly string[]) =>
          new MedicalHistoryService(authorize(ctx, EMERGENCY_READ)).emergencyContactsFor(ids),
        )
        .load(p.id),
    legalGuardian: (p, _, ctx) =>
      ctx
        .loader('patients_clinical.legalGuardians', async (ids: readonly string[]) =>
          new MedicalHistoryService(authorize(ctx, EMERGENCY_READ)).legalGuardiansFor(ids),
        )
        .load(p.id),
  },
};
