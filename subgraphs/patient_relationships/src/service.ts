import {
  badInput,
  DomainError,
  groupedBy,
  isUuid,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  type ServiceContext,
} from '@dentalpin/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PatientLink } from './entities.ts';
import { RelationshipPatientDocument } from './generated/operations.ts';
import { addRelationshipInput, removeRelationshipInput, updateRelationshipInput } from './inputs.ts';
import { inverseOf, relationshipType, type RelationshipType } from './status.ts';

/** A link as one of its two patients sees it: `relatedPatientId` is `type` to `patientId`. */
export interface RelationshipView {
  id: string;
  patientId: string;
  relatedPatientId: string;
  type: RelationshipType;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The link seen from `side` (either of its patients). */
export function viewFrom(link: PatientLink, side: string): RelationshipView {
  const forward = link.patientId === side;
  return {
    id: link.id,
    patientId: side,
    relatedPatientId: forward ? link.relatedPatientId : link.patientId,
    type: forward ? link.type : inverseOf(link.type),
    notes: link.notes ?? null,
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
  };
}

const ACTIVE = { removedAt: null };

/** What every relationship event carries (types as GraphQL values, read from patient_id's side). */
const payloadOf = (link: PatientLink, relatedPatientName: string | null) => ({
  clinic_id: link.clinicId,
  relationship_id: link.id,
  patient_id: link.patientId,
  related_patient_id: link.relatedPatientId,
  relationship_type: relationshipType.toGraphQL(link.type),
  inverse_type: relationshipType.toGraphQL(inverseOf(link.type)),
  related_patient_name: relatedPatientName,
});

/** Family links of the caller's clinic. No GraphQL and no permission checks; every query is clinic-scoped. */
export class PatientRelationshipsService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** A patient's current links (either side), each read from that patient, oldest first. */
  async forPatient(patientId: string): Promise<RelationshipView[]> {
    return (await this.forPatients([patientId]))[0]!;
  }

  /** Each patient's current links, one list per id in the ids' order. */
  async forPatients(patientIds: readonly string[]): Promise<RelationshipView[][]> {
    const valid = patientIds.filter(isUuid);
    if (!valid.length) return patientIds.map(() => []);
    const rows = await this.ctx.em.find(
      PatientLink,
      {
        clinicId: this.clinicId,
        ...ACTIVE,
        $or: [{ patientId: { $in: valid } }, { relatedPatientId: { $in: valid } }],
      },
      { orderBy: { createdAt: 'asc' } },
    );
    const views = rows.flatMap((l) =>
      [l.patientId, l.relatedPatientId].filter((id) => valid.includes(id)).map((side) => viewFrom(l, side)),
    );
    return groupedBy(patientIds, views, (v) => v.patientId);
  }

  /** A patient of the caller's clinic (through the supergraph: patients owns them). */
  private async patient(id: string, field: string) {
    const { patient } = await this.ctx.query(RelationshipPatientDocument, { id });
    if (!patient)
      throw badInput(`Patient ${id} is not a patient of this clinic; pick one from the clinic's patient list.`, {
        fields: [{ field, message: 'is not a patient of this clinic' }],
      });
    return patient;
  }

  /**
   * Links two patients of the clinic. One row per pair whichever way round it was entered: a second link
   * between the same two patients (either direction) is a CONFLICT, also enforced by a unique index.
   */
  async add(raw: unknown): Promise<RelationshipView> {
    const input = parseInput(addRelationshipInput, raw);
    if (input.patientId === input.relatedPatientId)
      throw badInput('A patient cannot be related to themselves; choose another patient.', {
        fields: [{ field: 'relatedPatientId', message: 'is the same patient' }],
      });
    const patient = await this.patient(input.patientId, 'patientId');
    const related = await this.patient(input.relatedPatientId, 'relatedPatientId');
    for (const [p, field] of [
      [patient, 'patientId'],
      [related, 'relatedPatientId'],
    ] as const)
      if (p.status === 'ARCHIVED')
        throw badInput(`${p.fullName} is archived; restore the patient before linking them.`, {
          fields: [{ field, message: 'is archived' }],
        });
    const existing = await this.ctx.em.findOne(PatientLink, {
      clinicId: this.clinicId,
      ...ACTIVE,
      $or: [
        { patientId: input.patientId, relatedPatientId: input.relatedPatientId },
        { patientId: input.relatedPatientId, relatedPatientId: input.patientId },
      ],
    });
    if (existing) throw this.duplicate(patient.fullName, related.fullName, existing.id);
    try {
      return await this.ctx.em.transactional(async (em) => {
        const link = em.create(PatientLink, {
          clinicId: this.clinicId,
          patientId: input.patientId,
          relatedPatientId: input.relatedPatientId,
          type: input.type,
          notes: input.notes || null,
          createdBy: this.ctx.identity.userId,
        });
        await em.flush();
        await publish(em, 'patient_relationship.created', payloadOf(link, related.fullName));
        return viewFrom(link, input.patientId);
      });
    } catch (e) {
      // Two people linking the same pair at once: the unique index lets one through.
      if (pgErrorCode(e) === '23505') throw this.duplicate(patient.fullName, related.fullName);
      throw e;
    }
  }

  private duplicate(a: string, b: string, id?: string): DomainError {
    return new DomainError(
      'CONFLICT',
      `${a} and ${b} are already linked; change that link's type or notes instead of adding another.`,
      id ? { relationshipId: id } : undefined,
    );
  }

  /** Changes the type (read from `patientId`'s side) and/or the notes of a link. */
  async update(raw: unknown): Promise<RelationshipView> {
    const input = parseInput(updateRelationshipInput, raw);
    return this.change(input.id, input.patientId, async (link) => {
      if (input.type) link.type = link.patientId === input.patientId ? input.type : inverseOf(input.type);
      if (input.notes !== undefined) link.notes = input.notes || null;
      return 'patient_relationship.updated';
    });
  }

  /** Ends a link; the row stays (history), and the pair may be linked again. */
  async remove(raw: unknown): Promise<RelationshipView> {
    const input = parseInput(removeRelationshipInput, raw);
    return this.change(input.id, null, async (link) => {
      link.removedAt = new Date();
      link.removedBy = this.ctx.identity.userId;
      return 'patient_relationship.removed';
    });
  }

  private async change(
    id: string,
    side: string | null,
    apply: (link: PatientLink, em: EntityManager) => Promise<string>,
  ): Promise<RelationshipView> {
    return this.ctx.em.transactional(async (em) => {
      const link = await em.findOne(PatientLink, { id, clinicId: this.clinicId, ...ACTIVE });
      if (!link) throw notFound('Relationship', id);
      if (side && side !== link.patientId && side !== link.relatedPatientId)
        throw badInput('patientId must be one of the two patients of this link.', {
          fields: [{ field: 'patientId', message: 'is not part of this link' }],
        });
      const type = await apply(link, em as EntityManager);
      await em.flush();
      const { patient: related } = await this.ctx.query(RelationshipPatientDocument, { id: link.relatedPatientId });
      await publish(em, type, payloadOf(link, related?.fullName ?? null));
      return viewFrom(link, side ?? link.patientId);
    });
  }
}
