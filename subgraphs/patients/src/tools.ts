import { z } from 'zod';
import { defineTool, notFound, type Tool } from '@dentalpin/core';
import type { Patient } from './entities.ts';
import { createPatientInput, listPatientsInput, patientId, updatePatientInput } from './inputs.ts';
import { PatientService } from './service.ts';
import { patientStatus } from './status.ts';

/** How a patient looks to an agent: the GraphQL shape (status in capitals), notes only when asked. */
const summary = (p: Patient) => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  fullName: `${p.firstName} ${p.lastName}`,
  phone: p.phone,
  email: p.email,
  dateOfBirth: p.dateOfBirth,
  status: patientStatus.toGraphQL(p.status),
  doNotContact: p.doNotContact,
});
const detail = (p: Patient) => ({ ...summary(p), notes: p.notes, createdAt: p.createdAt, updatedAt: p.updatedAt });

// Field rules come from the service's schemas; the tools only add descriptions for the model.
const FIELD_DESCRIPTIONS: Record<string, string> = {
  firstName: 'Given name, 1-100 characters.',
  lastName: 'Family name(s), 1-100 characters.',
  phone: 'Phone number with optional country code, e.g. "+34 600 111 222". An empty string clears it.',
  email: 'Email address. An empty string clears it.',
  dateOfBirth: 'Date of birth as YYYY-MM-DD; not in the future.',
  notes: 'Free-text administrative notes (not clinical records), up to 5000 characters.',
  doNotContact: 'True when the patient asked not to be contacted for outreach.',
};
const described = <S extends z.ZodRawShape>(shape: S): S =>
  Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [
      k,
      FIELD_DESCRIPTIONS[k] ? (v as z.ZodType).describe(FIELD_DESCRIPTIONS[k]) : v,
    ]),
  ) as S;

const searchPatients = defineTool({
  name: 'search_patients',
  description:
    'Search the patients of the current clinic by name, phone or email. Every word of `query` must match ' +
    '(so "lucia garcia" finds "Lucía García Pérez"); an empty query lists everyone, alphabetically by last name. ' +
    'Returns { total, page, pageSize, items: [{ id, fullName, phone, email, dateOfBirth, status, doNotContact }] }. ' +
    'Archived patients are left out unless includeArchived is true. Read-only; use get_patient for notes.',
  parameters: z.strictObject({
    query: listPatientsInput.shape.search.describe('Words to match against name, phone and email.'),
    page: listPatientsInput.shape.page.describe('Page number, from 1.'),
    pageSize: listPatientsInput.shape.pageSize.describe('Results per page, 1-100 (default 20).'),
    includeArchived: listPatientsInput.shape.includeArchived.describe('Also return archived patients.'),
  }),
  permissions: ['patients.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new PatientService(ctx).list({ ...params, search: params.query });
    return { ...page, items: page.items.map(summary) };
  },
});

const getPatient = defineTool({
  name: 'get_patient',
  description:
    'Get one patient of the current clinic by id: demographics, contact details, status (ACTIVE or ARCHIVED), ' +
    'the do-not-contact flag and administrative notes. Fails with NOT_FOUND when no such patient exists in this ' +
    'clinic. Read-only; find ids with search_patients.',
  parameters: z.strictObject({ patientId: patientId.describe('The patient id (a UUID).') }),
  permissions: ['patients.read'],
  category: 'READ',
  async handler(ctx, params) {
    const patient = await new PatientService(ctx).get(params.patientId);
    if (!patient) throw notFound('Patient', params.patientId);
    return detail(patient);
  },
});

const createPatient = defineTool({
  name: 'create_patient',
  description:
    'Register a new patient in the current clinic. Needs firstName and lastName; phone, email, dateOfBirth, notes ' +
    'and doNotContact are optional. It does not check for an existing patient with the same name: search first ' +
    'with search_patients to avoid duplicates. Returns the created patient with its id.',
  parameters: z.strictObject(described(createPatientInput.shape)),
  permissions: ['patients.write'],
  category: 'WRITE',
  graphqlMutations: ['createPatient'],
  async handler(ctx, params) {
    return detail(await new PatientService(ctx).create(params));
  },
});

const updatePatient = defineTool({
  name: 'update_patient',
  description:
    'Change some fields of an existing, active patient of the current clinic; fields left out keep their value, an ' +
    'empty string clears phone, email or notes. Archived patients cannot be edited (CONFLICT). It cannot archive, ' +
    'delete or merge patients. Returns the updated patient.',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient id (a UUID).'),
    ...described(updatePatientInput.shape),
  }),
  permissions: ['patients.write'],
  category: 'WRITE',
  graphqlMutations: ['updatePatient'],
  async handler(ctx, params) {
    const { patientId: id, ...changes } = params;
    return detail(await new PatientService(ctx).update(id, changes));
  },
});

export const tools: Tool[] = [searchPatients, getPatient, createPatient, updatePatient] as Tool[];

export const toolExemptions = {
  archivePatient:
    'Archiving removes a patient from every list and has no undo in the product; it stays a human decision in the UI.',
};
