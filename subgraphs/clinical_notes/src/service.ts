import {
  DomainError,
  badInput,
  groupedBy,
  hasPermission,
  inOrder,
  isUuid,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  uuidArg,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import { ClinicalNote, NoteTemplate } from './entities.ts';
import { ClinicalNotesAppointmentDocument, ClinicalNotesPatientDocument } from './generated/operations.ts';
import { createClinicalNoteInput, noteTemplateInput, type CreateClinicalNoteInput } from './inputs.ts';
import { noteOwnerType, type NoteOwnerType } from './status.ts';

/** Who may delete any note, not only their own (admins hold every permission). */
export const MODERATE = 'clinical_notes.notes.moderate';
const EXCERPT_LENGTH = 200;

export interface NoteFilter {
  patientId: string;
  ownerType?: NoteOwnerType | null;
  ownerId?: string | null;
}

/** Clinical notes of the caller's clinic. Every read and write is scoped to `identity.clinicId`. */
export class ClinicalNoteService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** The patient's live notes, newest first; one owner type (and owner) when given. */
  list(filter: NoteFilter): Promise<ClinicalNote[]> {
    uuidArg('patientId', filter.patientId, 'patient id');
    if (filter.ownerId) uuidArg('ownerId', filter.ownerId, 'owner id');
    return this.ctx.em.find(
      ClinicalNote,
      {
        clinicId: this.clinicId,
        patientId: filter.patientId,
        deletedAt: null,
        ...(filter.ownerType ? { ownerType: filter.ownerType } : {}),
        ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  /** Batch for `Patient.clinicalNotes`: one query for every patient of a list. */
  async forPatients(patientIds: readonly string[]): Promise<ClinicalNote[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          ClinicalNote,
          { clinicId: this.clinicId, patientId: { $in: valid }, deletedAt: null },
          { orderBy: { createdAt: 'desc', id: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (n) => n.patientId);
  }

  async getMany(ids: readonly string[]): Promise<(ClinicalNote | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(ClinicalNote, { id: { $in: valid }, clinicId: this.clinicId, deletedAt: null })
      : [];
    return inOrder(ids, rows, (n) => n.id);
  }

  /** Whether the caller may delete `note`: its author, or a holder of notes.moderate (admins). */
  mayDelete(note: ClinicalNote): boolean {
    const { identity } = this.ctx;
    return note.authorId === identity.userId || hasPermission(identity.grants, MODERATE);
  }

  async create(raw: unknown): Promise<ClinicalNote> {
    const input = parseInput(createClinicalNoteInput, raw);
    const ownerId = await this.verifiedOwner(input);
    return this.ctx.em.transactional(async (em) => {
      const note = em.create(ClinicalNote, {
        clinicId: this.clinicId,
        patientId: input.patientId,
        ownerType: input.ownerType,
        ownerId,
        toothNumber: input.toothNumber ?? null,
        body: input.body,
        authorId: this.ctx.identity.userId,
      });
      await em.flush();
      await publish(em, 'clinical_note.created', {
        clinic_id: this.clinicId,
        ...this.payload(note),
        tooth_number: note.toothNumber ?? null,
        author_id: note.authorId,
        body_excerpt: excerpt(note.body),
      });
      return note;
    });
  }

  /** Soft delete: the row stays (clinical data is never hard-deleted), hidden from every read. */
  async delete(id: string): Promise<ClinicalNote> {
    uuidArg('id', id, 'note id');
    return this.ctx.em.transactional(async (em) => {
      const note = await em.findOne(ClinicalNote, { id, clinicId: this.clinicId, deletedAt: null });
      if (!note) throw notFound('ClinicalNote', id);
      if (!this.mayDelete(note))
        throw new DomainError(
          'FORBIDDEN',
          'Only the note’s author or an administrator can delete it; ask one of them.',
          { permission: MODERATE },
        );
      note.deletedAt = new Date();
      note.deletedBy = this.ctx.identity.userId;
      await em.flush();
      await publish(em, 'clinical_note.deleted', {
        clinic_id: this.clinicId,
        ...this.payload(note),
        deleted_by: this.ctx.identity.userId,
      });
      return note;
    });
  }

  private payload(note: ClinicalNote) {
    return {
      note_id: note.id,
      patient_id: note.patientId,
      owner_type: noteOwnerType.toGraphQL(note.ownerType),
      owner_id: note.ownerId,
    };
  }

  /**
   * The owner's id once what can be checked is: the patient always (through patients, as the caller); an
   * appointment through agenda while agenda is active. Treatments and plans belong to modules that may be
   * absent; their ids are kept as given.
   */
  private async verifiedOwner(input: CreateClinicalNoteInput): Promise<string> {
    const { patient } = await this.ctx.query(ClinicalNotesPatientDocument, { id: input.patientId });
    if (!patient) throw notFound('Patient', input.patientId);
    if (input.ownerType === 'patient') {
      if (input.ownerId && input.ownerId !== input.patientId)
        throw badInput('A PATIENT note’s ownerId is the patient’s id; leave it out.', {
          fields: [{ field: 'ownerId', message: 'must be the patient id or empty' }],
        });
      return input.patientId;
    }
    if (!input.ownerId)
      throw badInput(`A ${noteOwnerType.toGraphQL(input.ownerType)} note needs the ownerId of that record.`, {
        fields: [{ field: 'ownerId', message: 'is required' }],
      });
    if (input.ownerType === 'appointment') await this.checkAppointment(input.ownerId, input.patientId);
    return input.ownerId;
  }

  private async checkAppointment(appointmentId: string, patientId: string): Promise<void> {
    let appointment;
    try {
      ({ appointment } = await this.ctx.query(ClinicalNotesAppointmentDocument, { id: appointmentId }));
    } catch (e) {
      // Agenda not active: the supergraph has no `appointment` field (the gateway answers BAD_USER_INPUT
      // naming it), and there is nothing to check the id against.
      if (e instanceof DomainError && e.code === 'BAD_USER_INPUT' && /Cannot query field "appointment"/.test(e.message))
        return;
      throw e;
    }
    if (!appointment) throw notFound('Appointment', appointmentId);
    if (appointment.patient?.id !== patientId)
      throw badInput('That appointment is another patient’s; write the note on this patient’s appointment.', {
        fields: [{ field: 'ownerId', message: 'is an appointment of another patient' }],
      });
  }
}

/** The note's first characters for event payloads (whitespace folded). */
const excerpt = (body: string): string => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
};

/** The clinic's note templates. */
export class NoteTemplateService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  list(): Promise<NoteTemplate[]> {
    return this.ctx.em.find(NoteTemplate, { clinicId: this.clinicId }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async create(raw: unknown): Promise<NoteTemplate> {
    const input = parseInput(noteTemplateInput, raw);
    const template = this.ctx.em.create(NoteTemplate, { clinicId: this.clinicId, ...input });
    await flushUnique(this.ctx.em, input.name);
    return template;
  }

  async update(id: string, raw: unknown): Promise<NoteTemplate> {
    const input = parseInput(noteTemplateInput, raw);
    const template = await this.require(id);
    Object.assign(template, input);
    await flushUnique(this.ctx.em, input.name);
    return template;
  }

  async delete(id: string): Promise<NoteTemplate> {
    const template = await this.require(id);
    const copy = { ...template };
    await this.ctx.em.remove(template).flush();
    return copy;
  }

  private async require(id: string): Promise<NoteTemplate> {
    uuidArg('id', id, 'template id');
    const template = await this.ctx.em.findOne(NoteTemplate, { id, clinicId: this.clinicId });
    if (!template) throw notFound('NoteTemplate', id);
    return template;
  }
}

/** Template names are unique per clinic (a unique index, so it holds under concurrency). */
async function flushUnique(em: EntityManager, name: string): Promise<void> {
  try {
    await em.flush();
  } catch (e) {
    if (pgErrorCode(e) === '23505')
      throw new DomainError('CONFLICT', `The clinic already has a note template named "${name}"; pick another name.`);
    throw e;
  }
}
