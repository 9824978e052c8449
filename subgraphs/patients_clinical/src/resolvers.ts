import { pageSizeArgument, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { MedicalSection } from './entities.ts';
import { alertsOf, MedicalHistoryService, SECTION_AREA, type ListSection, type MedicalContextView } from './service.ts';

type Permission =
  | 'patients_clinical.medical.read'
  | 'patients_clinical.medical.write'
  | 'patients_clinical.emergency.read'
  | 'patients_clinical.emergency.write';

const service = (ctx: RequestContext, permission: Permission) =>
  new MedicalHistoryService(ctx.em, ctx.auth.require(permission));

/** GraphQL type name of each list section (addAllergy, updateAllergy, removeAllergy, …). */
const LIST_TYPES: Record<ListSection, string> = {
  allergy: 'Allergy',
  medication: 'Medication',
  systemic_disease: 'SystemicDisease',
  surgical_procedure: 'SurgicalProcedure',
};

const listMutations = Object.fromEntries(
  (Object.entries(LIST_TYPES) as [ListSection, string][]).flatMap(([section, type]) => [
    [
      `add${type}`,
      (_: unknown, args: { patientId: string; input: unknown }, ctx: RequestContext) =>
        service(ctx, 'patients_clinical.medical.write').addRecord(section, args.patientId, args.input),
    ],
    [
      `update${type}`,
      (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
        service(ctx, 'patients_clinical.medical.write').updateRecord(section, args.id, args.input),
    ],
    [
      `remove${type}`,
      (_: unknown, args: { id: string; reason: string }, ctx: RequestContext) =>
        service(ctx, 'patients_clinical.medical.write').removeRecord(section, args.id, args.reason),
    ],
  ]),
);

// Batched per request: one loader feeds both fields, so a page of patients costs five queries in all
// (context and the four lists), not a few per patient. Batch functions are async so that a permission
// failure rejects the loads (FORBIDDEN) instead of DataLoader's "errored synchronously" TypeError.
const historyLoader = (ctx: RequestContext) =>
  ctx.loader<string, MedicalContextView>('patients_clinical.history', async (ids) =>
    service(ctx, 'patients_clinical.medical.read').contextsFor(ids),
  );

const upper = (v: string) => v.toUpperCase();

export const resolvers: ModuleResolvers = {
  Query: {
    medicalContext: (_: unknown, args: { patientId: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.medical.read').context(args.patientId),
    medicalAlerts: (_: unknown, args: { patientId: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.medical.read').alerts(args.patientId),
    emergencyContact: (_: unknown, args: { patientId: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.read').emergencyContact(args.patientId),
    legalGuardian: (_: unknown, args: { patientId: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.read').legalGuardian(args.patientId),
    medicalHistoryAudit: (
      _: unknown,
      args: { patientId: string; section?: string | null; limit: number },
      ctx: RequestContext,
    ) => {
      // Each section's trail is as confidential as the section itself.
      const readable = (Object.keys(SECTION_AREA) as MedicalSection[]).filter(
        (s) =>
          ctx.auth.can(`patients_clinical.${SECTION_AREA[s]}.read`) &&
          (!args.section || args.section.toLowerCase() === s),
      );
      const caller = readable.length
        ? ctx.auth.user()
        : ctx.auth.require(
            args.section && SECTION_AREA[args.section.toLowerCase() as MedicalSection] === 'emergency'
              ? 'patients_clinical.emergency.read'
              : 'patients_clinical.medical.read',
          );
      return new MedicalHistoryService(ctx.em, caller).audit(
        args.patientId,
        readable,
        pageSizeArgument('limit', args.limit, 100, 500),
      );
    },
  },
  Mutation: {
    updateMedicalContext: (_: unknown, args: { patientId: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.medical.write').updateContext(args.patientId, args.input),
    ...listMutations,
    setEmergencyContact: (_: unknown, args: { patientId: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.write').setEmergencyContact(args.patientId, args.input),
    clearEmergencyContact: (_: unknown, args: { patientId: string; reason: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.write').clearEmergencyContact(args.patientId, args.reason),
    setLegalGuardian: (_: unknown, args: { patientId: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.write').setLegalGuardian(args.patientId, args.input),
    clearLegalGuardian: (_: unknown, args: { patientId: string; reason: string }, ctx: RequestContext) =>
      service(ctx, 'patients_clinical.emergency.write').clearLegalGuardian(args.patientId, args.reason),
  },
  Patient: {
    // The reference resolves only for patients of the caller's clinic (one query for all references).
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, { id: string } | null>('patients_clinical.patients', async (ids) => {
          const visible = await new MedicalHistoryService(ctx.em, ctx.auth.user()).patientsOfClinic(ids);
          return ids.map((id) => (visible.has(id) ? { id } : null));
        })
        .load(ref.id),
    medicalAlerts: async (p: { id: string }, _: unknown, ctx: RequestContext) =>
      alertsOf(await historyLoader(ctx).load(p.id)),
    medicalContext: (p: { id: string }, _: unknown, ctx: RequestContext) => historyLoader(ctx).load(p.id),
    emergencyContact: (p: { id: string }, _: unknown, ctx: RequestContext) =>
      ctx
        .loader('patients_clinical.emergencyContacts', async (ids: readonly string[]) =>
          service(ctx, 'patients_clinical.emergency.read').emergencyContactsFor(ids),
        )
        .load(p.id),
    legalGuardian: (p: { id: string }, _: unknown, ctx: RequestContext) =>
      ctx
        .loader('patients_clinical.legalGuardians', async (ids: readonly string[]) =>
          service(ctx, 'patients_clinical.emergency.read').legalGuardiansFor(ids),
        )
        .load(p.id),
  },
  Allergy: { type: (a: { type: string }) => upper(a.type), severity: (a: { severity: string }) => upper(a.severity) },
  MedicalAuditEntry: {
    section: (e: { section: string }) => upper(e.section),
    action: (e: { action: string }) => upper(e.action),
  },
};
