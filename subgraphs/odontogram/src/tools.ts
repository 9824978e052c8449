import { z } from 'zod';
import { defineTool, enumNames, hasPermission, type Tool, type ToolContext, isoDate } from '@dentalpin/core';
import type { Treatment } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { patientId, toothNumber, treatmentId } from './inputs.ts';
import { OdontogramService, type ToothState } from './service/index.ts';
import { SURFACES } from './service/teeth.ts';
import { treatmentStatus } from './status.ts';

/** Agents speak the API's names (CARIES, PILLAR, GLOBAL_ARCH); the service takes the stored ones. */
const names = <V extends Record<string, string>>(values: V) => {
  const e = enumNames(values);
  return { ...e, parameter: z.enum(e.names).transform(e.stored) };
};
const surface = names(enumResolvers.ToothSurface);
const condition = names(enumResolvers.ToothCondition);
const status = names(enumResolvers.TreatmentStatus);
const scope = names(enumResolvers.TreatmentScope);
const arch = names(enumResolvers.DentalArch);
const role = names(enumResolvers.BridgeRole);

const toothView = (t: ToothState) => ({
  toothNumber: t.toothNumber,
  condition: condition.name(t.condition),
  surfaces: SURFACES.map((s) => ({ surface: surface.name(s), condition: condition.name(t.surfaces[s] ?? 'healthy') })),
  notes: t.notes,
});

/** A treatment as the API shows it (its teeth read in one more query). */
async function treatmentView(ctx: ToolContext, t: Treatment) {
  const [teeth] = await new OdontogramService(ctx).teethOfTreatments([t.id]);
  return {
    id: t.id,
    patientId: t.patientId,
    clinicalType: t.clinicalType,
    scope: scope.name(t.scope),
    arch: t.arch ? arch.name(t.arch) : null,
    status: status.name(t.status),
    allowedTransitions: t.deletedAt ? [] : treatmentStatus.allowedFrom(t.status),
    teeth: teeth.map((x) => ({
      toothNumber: x.toothNumber,
      role: x.role ? role.name(x.role) : null,
      surfaces: x.surfaces.map(surface.name),
    })),
    catalogItemId: t.catalogItemId,
    price: t.price,
    durationMinutes: t.durationMinutes,
    vatRate: t.vatRate,
    notes: t.notes,
    recordedAt: t.recordedAt,
    performedAt: t.performedAt,
    deletedAt: t.deletedAt,
  };
}

const getOdontogram = defineTool({
  name: 'get_odontogram',
  description:
    "Read a patient's dental chart: the teeth with a record (FDI number, whole-tooth condition, the five surfaces " +
    'M D O V L with their conditions; unlisted teeth are healthy) and, with odontogram.treatments.read, the ' +
    'treatments that are not deleted (PLANNED or PERFORMED, teeth, price). Pass `at` (YYYY-MM-DD) for the chart ' +
    'as it stood at the end of that day. Read-only.',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient id (a UUID).'),
    at: isoDate().nullish().describe('A past day, YYYY-MM-DD; leave out for today.'),
  }),
  permissions: ['odontogram.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new OdontogramService(ctx);
    const chart = await service.chart(params.patientId, params.at);
    const teeth = chart.cutoff
      ? await service.teethAt(chart.patientId, chart.cutoff)
      : (await service.teethOf([chart.patientId]))[0];
    const canReadTreatments = hasPermission(ctx.identity.grants, 'odontogram.treatments.read');
    const treatments = !canReadTreatments
      ? null
      : chart.cutoff
        ? await service.treatmentsAt(chart.patientId, chart.cutoff)
        : (await service.treatmentsOf([chart.patientId]))[0];
    return {
      patientId: chart.patientId,
      at: chart.at,
      teeth: teeth.map(toothView),
      treatments: treatments ? await Promise.all(treatments.map((t) => treatmentView(ctx, t))) : null,
    };
  },
});

const setToothCondition = defineTool({
  name: 'set_tooth_condition',
  description:
    'Chart a finding on one tooth of a patient: its whole-tooth condition and/or the condition of some surfaces ' +
    '(M mesial, D distal, O occlusal/incisal, V vestibular, L lingual), and/or notes. Teeth are FDI numbers ' +
    '(11-48 permanent, 51-85 deciduous). Conditions: HEALTHY, CARIES, FILLING, CROWN, MISSING, ROOT_CANAL, ' +
    'IMPLANT, EXTRACTION_INDICATED, SEALANT, FRACTURE. Every change goes to the tooth history. Returns the tooth.',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient id (a UUID).'),
    toothNumber: toothNumber.describe('FDI tooth number, e.g. 16 or 55.'),
    condition: condition.parameter.nullish().describe('The whole-tooth condition; leave out to keep it.'),
    surfaces: z
      .array(z.strictObject({ surface: surface.parameter, condition: condition.parameter }))
      .nullish()
      .describe('Surfaces to change, e.g. [{ "surface": "O", "condition": "CARIES" }].'),
    notes: z.string().nullish().describe('Clinical notes on the tooth; an empty string clears them.'),
  }),
  permissions: ['odontogram.write'],
  category: 'WRITE',
  graphqlMutations: ['setToothCondition'],
  async handler(ctx, params) {
    return toothView(await new OdontogramService(ctx).setToothCondition(params));
  },
});

const addTreatment = defineTool({
  name: 'add_treatment',
  description:
    "Record a clinical treatment on a patient's chart, PLANNED (default) or already PERFORMED. Give catalogItemId " +
    '(it is priced from the catalog: price for all its teeth, duration and VAT are kept) and/or clinicalType ' +
    '(e.g. caries, filling_composite, crown, bridge, extraction, root_canal_full, implant). teeth: FDI numbers, ' +
    'with surfaces only for surface treatments (caries, fillings, sealant, veneer, inlay) and roles PILLAR/PONTIC ' +
    'only for bridges (a bridge needs a pillar; without roles its end teeth are the pillars). No teeth needs scope ' +
    'GLOBAL_MOUTH, or GLOBAL_ARCH with arch UPPER or LOWER. Returns the treatment with its id and price.',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient id (a UUID).'),
    catalogItemId: z.string().nullish().describe('The catalog item that prices it (a UUID).'),
    clinicalType: z.string().nullish().describe('The clinical type, lowercase, e.g. "filling_composite".'),
    scope: scope.parameter
      .nullish()
      .describe('TOOTH, MULTI_TOOTH, GLOBAL_MOUTH or GLOBAL_ARCH; derived from the teeth when left out.'),
    arch: arch.parameter.nullish().describe('UPPER or LOWER, for GLOBAL_ARCH only.'),
    teeth: z
      .array(
        z.strictObject({
          toothNumber: toothNumber.describe('FDI tooth number.'),
          role: role.parameter.nullish().describe('PILLAR or PONTIC (bridges only).'),
          surfaces: z.array(surface.parameter).nullish().describe('e.g. ["O", "M"] (surface treatments only).'),
        }),
      )
      .nullish()
      .describe('The teeth it covers.'),
    status: status.parameter.nullish().describe('PLANNED (default) or PERFORMED.'),
    notes: z.string().nullish().describe('Clinical notes.'),
  }),
  permissions: ['odontogram.treatments.write'],
  category: 'WRITE',
  graphqlMutations: ['addTreatment'],
  async handler(ctx, params) {
    const treatment = await new OdontogramService(ctx).addTreatment(params);
    return treatmentView(ctx, treatment);
  },
});

const performTreatment = defineTool({
  name: 'perform_treatment',
  description:
    'Mark a PLANNED treatment as PERFORMED now, by the caller. A treatment already performed is refused ' +
    '(ALREADY_IN_STATE). Returns the treatment.',
  parameters: z.strictObject({ treatmentId: treatmentId.describe('The treatment id (a UUID).') }),
  permissions: ['odontogram.treatments.write'],
  category: 'WRITE',
  graphqlMutations: ['performTreatment'],
  async handler(ctx, params) {
    return treatmentView(ctx, await new OdontogramService(ctx).perform(params.treatmentId));
  },
});

const deleteTreatment = defineTool({
  name: 'delete_treatment',
  description:
    "Remove a treatment recorded by mistake from the patient's chart. It is kept (soft delete) and still " +
    'shows on charts of earlier dates. Returns the treatment with deletedAt set.',
  parameters: z.strictObject({ treatmentId: treatmentId.describe('The treatment id (a UUID).') }),
  permissions: ['odontogram.treatments.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['deleteTreatment'],
  async handler(ctx, params) {
    return treatmentView(ctx, await new OdontogramService(ctx).delete(params.treatmentId));
  },
});

export const tools: Tool[] = [
  getOdontogram,
  setToothCondition,
  addTreatment,
  performTreatment,
  deleteTreatment,
] as Tool[];

export const toolExemptions = {};
