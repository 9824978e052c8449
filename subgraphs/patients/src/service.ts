import { z } from 'zod';
import {
  DomainError,
  notFound,
  parseInput,
  publish,
  type EntityManager,
  type FilterQuery,
  pageSizeSchema,
} from '@dentalpin/core';
import { Patient } from './entities/patient.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const patientId = z.string().regex(UUID, 'is not a valid patient id');

const name = z.string().trim().min(1, 'is required').max(100, 'is longer than 100 characters');
const optionalText = (max: number, extra?: (s: z.ZodString) => z.ZodString) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .pipe(extra ? extra(z.string()).nullable() : z.string().nullable())
    .nullish();
const phone = optionalText(20, (s) => s.regex(/^\+?[0-9 ()./-]{6,20}$/, 'is not a phone number'));
const email = optionalText(255, (s) => s.email('is not an email address'));
const dateOfBirth = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'cannot be in the future')
  .nullish();

export const createPatientInput = z.object({
  firstName: name,
  lastName: name,
  phone,
  email,
  dateOfBirth,
  notes: optionalText(5000),
  doNotContact: z.boolean().nullish(),
});
export const updatePatientInput = createPatientInput
  .partial()
  .extend({ firstName: name.optional(), lastName: name.optional() });

export const listPatientsInput = z.object({
  search: z.string().trim().max(200).nullish(),
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(20, 100),
  includeArchived: z.boolean().default(false),
});

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Patients of one clinic. Every read and write is scoped to `clinicId`. */
export class PatientService {
  constructor(
    private readonly em: EntityManager,
    private readonly clinicId: string,
  ) {}

  async list(raw: unknown) {
    const input = parseInput(listPatientsInput, raw);
    // Terms are split on whitespace, so matching each one against single columns is enough.
    const terms = (input.search ?? '').split(/\s+/).filter(Boolean);
    const where: FilterQuery<Patient> = {
      clinicId: this.clinicId,
      ...(input.includeArchived ? {} : { status: 'active' as const }),
      $and: terms.map((term) => {
        const like = { $ilike: `%${escapeLike(term)}%` };
        return { $or: [{ firstName: like }, { lastName: like }, { phone: like }, { email: like }] };
      }),
    };
    const [items, total] = await this.em.findAndCount(Patient, where, {
      orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  async get(id: string): Promise<Patient | null> {
    if (!UUID.test(id)) throw new DomainError('BAD_USER_INPUT', `"${id}" is not a valid patient id.`);
    return this.em.findOne(Patient, { id, clinicId: this.clinicId });
  }

  /** Batch lookup for entity references: one query, results in the order of `ids`, null when not visible. */
  async getMany(ids: readonly string[]): Promise<(Patient | null)[]> {
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length ? await this.em.find(Patient, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async require(id: string): Promise<Patient> {
    const patient = await this.get(id);
    if (!patient) throw notFound('Patient', id);
    return patient;
  }

  /** Runs a write and its events in one transaction: the events exist only if the write commits. */
  private write<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(fn);
  }

  async create(raw: unknown): Promise<Patient> {
    const input = parseInput(createPatientInput, raw);
    return this.write(async (em) => {
      const patient = em.create(Patient, {
        clinicId: this.clinicId,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone ?? null,
        email: input.email ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        notes: input.notes ?? null,
        doNotContact: input.doNotContact ?? false,
      });
      await em.flush();
      await publish(em, 'patient.created', { clinic_id: this.clinicId, patient_id: patient.id });
      return patient;
    });
  }

  async update(id: string, raw: unknown): Promise<Patient> {
    const input = parseInput(updatePatientInput, raw);
    return this.write(async (em) => {
      const patient = await new PatientService(em, this.clinicId).require(id);
      if (patient.status === 'archived')
        throw new DomainError('CONFLICT', 'This patient is archived; archived records cannot be edited.');
      const changes: string[] = [];
      for (const [key, value] of Object.entries(input)) {
        if (value === undefined) continue;
        if ((key === 'doNotContact' || key === 'firstName' || key === 'lastName') && value === null) continue;
        if ((patient as Record<string, unknown>)[key] === value) continue;
        (patient as Record<string, unknown>)[key] = value;
        changes.push(key);
      }
      await em.flush();
      if (changes.length)
        await publish(em, 'patient.updated', { clinic_id: this.clinicId, patient_id: patient.id, changes });
      return patient;
    });
  }

  async archive(id: string): Promise<Patient> {
    return this.write(async (em) => {
      const patient = await new PatientService(em, this.clinicId).require(id);
      if (patient.status === 'archived') throw new DomainError('CONFLICT', 'This patient is already archived.');
      patient.status = 'archived';
      await em.flush();
      await publish(em, 'patient.archived', { clinic_id: this.clinicId, patient_id: patient.id });
      return patient;
    });
  }
}
