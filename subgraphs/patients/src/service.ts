import {
  DomainError,
  inOrder,
  isUuid,
  notFound,
  parseInput,
  publish,
  raw as rawSql,
  readPage,
  readRows,
  uuidArg,
  withEm,
  type EntityManager,
  type FilterQuery,
  type ServiceContext,
} from '@dentalpin/core';
import { Patient } from './entities.ts';
import { createPatientInput, listPatientsInput, updatePatientInput } from './inputs.ts';

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A term written like a phone number ("+34", "600-123-456", "(91)") becomes its digits: `search_text` holds the
 * phone's digits alone too, so a number is found however its spaces and signs were typed.
 */
const phoneDigits = (term: string) => (/^[+(]?\d[\d()./-]*$/.test(term) ? term.replace(/\D/g, '') : term);

/**
 * A search reads `patients_clinic_search_idx` only: (clinic_id, search_text) with status, id and the names
 * included (migration 20261203040000). `search_text` is the name, phone, email and the phone's digits, lower-cased
 * and without accents (a generated column, 20261203160000); every term, normalised the same way, must occur in it. Requests read under the clinic
 * policy, where `LIKE` cannot be an index condition (it is not leakproof): the index bounds the scan to the
 * clinic's entries, the terms filter them without visiting the table, and the count and the page's ids (sorted
 * by name in the index) come from there; only the page's patients are fetched.
 */
function searchFilter(clinicId: string, terms: string[], includeArchived: boolean) {
  return {
    sql: `s.clinic_id = ?${includeArchived ? '' : ` and s.status = 'active'`}${terms
      .map(() => ` and s.search_text like '%' || lower(immutable_unaccent(?)) || '%'`)
      .join('')}`,
    params: [clinicId, ...terms.map(escapeLike)],
  };
}

/** Patients of the caller's clinic. Every read and write is scoped to `identity.clinicId`. */
export class PatientService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  async list(raw: unknown) {
    const input = parseInput(listPatientsInput, raw);
    // Terms are split on whitespace, so no term can straddle two of the space-joined fields.
    const terms = (input.search ?? '').split(/\s+/).filter(Boolean).map(phoneDigits);
    const orderBy = { lastName: 'asc', firstName: 'asc', id: 'asc' } as const;
    const offset = (input.page - 1) * input.pageSize;
    if (terms.length) {
      const filter = searchFilter(this.clinicId, terms, input.includeArchived);
      const em = this.ctx.em;
      const [counted] = await em
        .getConnection()
        .execute<{ n: number }[]>(
          `select count(*)::int as n from patients s where ${filter.sql}`,
          filter.params,
          'all',
          em.getTransactionContext(),
        );
      const pageIds = rawSql(
        `id in (select s.id from patients s where ${filter.sql}
           order by s.last_name, s.first_name, s.id limit ? offset ?)`,
        [...filter.params, input.pageSize, offset],
      );
      const items = await readRows(em, Patient, { clinicId: this.clinicId, [pageIds]: [] }, { orderBy });
      return { items, total: counted!.n, page: input.page, pageSize: input.pageSize };
    }
    const where: FilterQuery<Patient> = {
      clinicId: this.clinicId,
      ...(input.includeArchived ? {} : { status: 'active' as const }),
    };
    const { rows: items, total } = await readPage(this.ctx.em, Patient, where, {
      orderBy,
      limit: input.pageSize,
      offset,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  async get(id: string): Promise<Patient | null> {
    uuidArg('id', id, 'patient id');
    return this.ctx.em.findOne(Patient, { id, clinicId: this.clinicId });
  }

  /** Batch lookup for entity references: one query, results in the order of `ids`, null when not visible. */
  async getMany(ids: readonly string[]): Promise<(Patient | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await readRows(this.ctx.em, Patient, { id: { $in: valid }, clinicId: this.clinicId })
      : [];
    return inOrder(ids, rows, (p) => p.id);
  }

  private async require(id: string): Promise<Patient> {
    const patient = await this.get(id);
    if (!patient) throw notFound('Patient', id);
    return patient;
  }

  /** Runs a write and its events in one transaction: the events exist only if the write commits. */
  private write<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.em.transactional(fn);
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
      const patient = await new PatientService(withEm(this.ctx, em)).require(id);
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
      const patient = await new PatientService(withEm(this.ctx, em)).require(id);
      if (patient.status === 'archived') throw new DomainError('CONFLICT', 'This patient is already archived.');
      patient.status = 'archived';
      await em.flush();
      await publish(em, 'patient.archived', { clinic_id: this.clinicId, patient_id: patient.id });
      return patient;
    });
  }
}
