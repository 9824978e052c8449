import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import { addRelationshipInput, removeRelationshipInput, updateRelationshipInput } from './inputs.ts';
import { PatientRelationshipsService, type RelationshipView } from './service.ts';
import { relationshipType } from './status.ts';

/** How a link looks to an agent (GraphQL enum names). */
const view = (r: RelationshipView) => ({
  id: r.id,
  patientId: r.patientId,
  relatedPatientId: r.relatedPatientId,
  type: relationshipType.toGraphQL(r.type),
  notes: r.notes,
});

const typeParam = z
  .enum(relationshipType.values.map((v) => relationshipType.toGraphQL(v)) as [string, ...string[]])
  .transform((v) => relationshipType.fromGraphQL(v));
const TYPES = relationshipType.values.map((v) => relationshipType.toGraphQL(v)).join(', ');

const listRelationships = defineTool({
  name: 'list_patient_relationships',
  description:
    "A patient's current family links in the current clinic, each read from that patient: relatedPatientId is " +
    '`type` to patientId (PARENT means the related patient is their parent). Returns [{ id, patientId, ' +
    'relatedPatientId, type, notes }]; names are not included (use patients.get_patient). Read-only.',
  parameters: z.strictObject({ patientId: addRelationshipInput.shape.patientId }),
  permissions: ['patient_relationships.read'],
  category: 'READ',
  async handler(ctx, params) {
    return (await new PatientRelationshipsService(ctx).forPatient(params.patientId)).map(view);
  },
});

const addRelationship = defineTool({
  name: 'add_patient_relationship',
  description:
    `Link two patients of the current clinic. type (${TYPES}) is what relatedPatientId is to patientId; the ` +
    'inverse is derived (the child sees PARENT, the parent sees CHILD). Errors: BAD_USER_INPUT (the same ' +
    'patient twice, a patient of another clinic or archived), CONFLICT (the two are already linked, either ' +
    'way round: use update_patient_relationship). Returns the link read from patientId.',
  parameters: z.strictObject({
    patientId: addRelationshipInput.shape.patientId,
    relatedPatientId: addRelationshipInput.shape.relatedPatientId,
    type: typeParam.describe(`What relatedPatientId is to patientId: ${TYPES}.`),
    notes: addRelationshipInput.shape.notes,
  }),
  permissions: ['patient_relationships.write'],
  category: 'WRITE',
  graphqlMutations: ['addPatientRelationship'],
  async handler(ctx, params) {
    return view(await new PatientRelationshipsService(ctx).add(params));
  },
});

const updateRelationship = defineTool({
  name: 'update_patient_relationship',
  description:
    "Change a link's type (read from patientId, one of its two patients) or notes (null or empty clears them). " +
    'Errors: NOT_FOUND (no such current link in this clinic), BAD_USER_INPUT. Returns the link read from patientId.',
  parameters: z.strictObject({
    id: updateRelationshipInput.shape.id,
    patientId: updateRelationshipInput.shape.patientId,
    type: typeParam.optional().describe(`The new type as seen from patientId: ${TYPES}.`),
    notes: updateRelationshipInput.shape.notes,
  }),
  permissions: ['patient_relationships.write'],
  category: 'WRITE',
  graphqlMutations: ['updatePatientRelationship'],
  async handler(ctx, params) {
    return view(await new PatientRelationshipsService(ctx).update(params));
  },
});

const removeRelationship = defineTool({
  name: 'remove_patient_relationship',
  description:
    'End a family link between two patients (kept in history, not deleted; the pair may be linked again). ' +
    'Errors: NOT_FOUND. Returns the removed link.',
  parameters: z.strictObject({ id: removeRelationshipInput.shape.id }),
  permissions: ['patient_relationships.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['removePatientRelationship'],
  async handler(ctx, params) {
    return view(await new PatientRelationshipsService(ctx).remove(params));
  },
});

export const tools: Tool[] = [listRelationships, addRelationship, updateRelationship, removeRelationship] as Tool[];
