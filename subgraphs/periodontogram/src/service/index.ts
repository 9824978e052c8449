import {
  DomainError,
  groupedBy,
  inOrder,
  isUuid,
  LockMode,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  uuidArg,
  withEm,
  type ServiceContext,
} from '@dentalpin/core';
import { PeriodontalExam, PeriodontalSite, PeriodontalTooth } from '../entities.ts';
import { PeriodontogramPatientDocument } from '../generated/operations.ts';
import { patientId as patientIdSchema, recordSitesInput } from '../inputs.ts';
import { examStatus, siteCode, type SiteCode } from '../status.ts';
import { attachmentLoss, computeIndices, type Indices } from './indices.ts';

export interface SiteDelta {
  toothNumber: number;
  site: SiteCode;
  probingDepthDelta: number | null;
  recessionDelta: number | null;
  attachmentLossDelta: number | null;
  bleedingBefore: boolean;
  bleedingAfter: boolean;
}

export interface ExamComparison {
  base: PeriodontalExam;
  other: PeriodontalExam;
  sites: SiteDelta[];
}

const siteOrder = (a: PeriodontalSite, b: PeriodontalSite) =>
  a.toothNumber - b.toothNumber || siteCode.values.indexOf(a.site) - siteCode.values.indexOf(b.site);
const delta = (before: number | null | undefined, after: number | null | undefined) =>
  before == null || after == null ? null : after - before;

/** Periodontal exams of the caller's clinic. No GraphQL, no permission checks; every query scoped to the clinic. */
export class PeriodontogramService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  async get(id: string): Promise<PeriodontalExam | null> {
    uuidArg('id', id, 'periodontal exam id');
    return this.ctx.em.findOne(PeriodontalExam, { id, clinicId: this.clinicId });
  }

  async require(id: string, lock = false): Promise<PeriodontalExam> {
    uuidArg('id', id, 'periodontal exam id');
    const exam = await this.ctx.em.findOne(
      PeriodontalExam,
      { id, clinicId: this.clinicId },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    if (!exam) throw notFound('Periodontal exam', id);
    return exam;
  }

  async getMany(ids: readonly string[]): Promise<(PeriodontalExam | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(PeriodontalExam, { id: { $in: valid }, clinicId: this.clinicId })
      : [];
    return inOrder(ids, rows, (e) => e.id);
  }

  async forPatient(patientId: string): Promise<PeriodontalExam[]> {
    uuidArg('patientId', patientId, 'patient id');
    return (await this.forPatients([patientId]))[0];
  }

  async forPatients(patientIds: readonly string[]): Promise<PeriodontalExam[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          PeriodontalExam,
          { patientId: { $in: valid }, clinicId: this.clinicId },
          { orderBy: { createdAt: 'desc', id: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (e) => e.patientId);
  }

  async sitesOf(examIds: readonly string[]): Promise<PeriodontalSite[][]> {
    const rows = await this.ctx.em.find(PeriodontalSite, { examId: { $in: [...examIds] }, clinicId: this.clinicId });
    return groupedBy(examIds, rows.sort(siteOrder), (s) => s.examId);
  }

  async teethOf(examIds: readonly string[]): Promise<PeriodontalTooth[][]> {
    const rows = await this.ctx.em.find(
      PeriodontalTooth,
      { examId: { $in: [...examIds] }, clinicId: this.clinicId },
      { orderBy: { toothNumber: 'asc' } },
    );
    return groupedBy(examIds, rows, (t) => t.examId);
  }

  /** Frozen when closed; computed from the recorded sites while the exam is a draft. */
  async indices(exam: PeriodontalExam): Promise<Indices> {
    if (exam.status === 'closed' && exam.indices) return exam.indices;
    return computeIndices((await this.sitesOf([exam.id]))[0]);
  }

  async start(rawPatientId: string): Promise<PeriodontalExam> {
    const patientId = parseInput(patientIdSchema, rawPatientId);
    const { patient } = await this.ctx.query(PeriodontogramPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    try {
      return await this.ctx.em.transactional(async (em) => {
        const exam = em.create(PeriodontalExam, {
          clinicId: this.clinicId,
          patientId,
          status: 'draft',
          startedBy: this.ctx.identity.userId,
        });
        await em.flush();
        await publish(em, 'periodontogram.exam.started', {
          clinic_id: this.clinicId,
          exam_id: exam.id,
          patient_id: patientId,
        });
        return exam;
      });
    } catch (e) {
      if (pgErrorCode(e) === '23505')
        throw new DomainError(
          'CONFLICT',
          'This patient already has a draft periodontal exam; continue or close that one before starting another.',
        );
      throw e;
    }
  }

  /** Each site given replaces that site's values (an absent measure is cleared); teeth likewise. */
  async record(raw: unknown): Promise<PeriodontalExam> {
    const input = parseInput(recordSitesInput, raw);
    return this.ctx.em.transactional(async (em) => {
      const scoped = new PeriodontogramService(withEm(this.ctx, em));
      const exam = await scoped.requireDraft(input.examId);
      const sites = input.sites.length
        ? await em.find(PeriodontalSite, {
            examId: exam.id,
            toothNumber: { $in: input.sites.map((s) => s.toothNumber) },
          })
        : [];
      for (const s of input.sites) {
        const values = {
          probingDepth: s.probingDepth ?? null,
          recession: s.recession ?? null,
          bleeding: s.bleeding ?? false,
          plaque: s.plaque ?? false,
          suppuration: s.suppuration ?? false,
        };
        const existing = sites.find((r) => r.toothNumber === s.toothNumber && r.site === s.site);
        if (existing) em.assign(existing, values);
        else
          em.create(PeriodontalSite, {
            clinicId: this.clinicId,
            examId: exam.id,
            toothNumber: s.toothNumber,
            site: s.site as SiteCode,
            ...values,
          });
      }
      const teethInput = input.teeth ?? [];
      const teeth = teethInput.length
        ? await em.find(PeriodontalTooth, {
            examId: exam.id,
            toothNumber: { $in: teethInput.map((t) => t.toothNumber) },
          })
        : [];
      for (const t of teethInput) {
        const values = { mobility: t.mobility ?? null, furcation: t.furcation ?? null };
        const existing = teeth.find((r) => r.toothNumber === t.toothNumber);
        if (existing) em.assign(existing, values);
        else
          em.create(PeriodontalTooth, {
            clinicId: this.clinicId,
            examId: exam.id,
            toothNumber: t.toothNumber,
            ...values,
          });
      }
      exam.updatedAt = new Date();
      await em.flush();
      return exam;
    });
  }

  async close(id: string): Promise<PeriodontalExam> {
    return this.ctx.em.transactional(async (em) => {
      const scoped = new PeriodontogramService(withEm(this.ctx, em));
      const exam = await scoped.require(id, true);
      examStatus.assertTransition(exam.status, 'closed');
      const indices = computeIndices((await scoped.sitesOf([exam.id]))[0]);
      exam.status = 'closed';
      exam.closedAt = new Date();
      exam.closedBy = this.ctx.identity.userId;
      exam.indices = indices;
      await em.flush();
      await publish(em, 'periodontogram.exam.closed', {
        clinic_id: this.clinicId,
        exam_id: exam.id,
        patient_id: exam.patientId,
        closed_at: exam.closedAt.toISOString(),
        indices,
      });
      return exam;
    });
  }

  /** Per-site deltas (other − base) over the sites recorded in both exams of the same patient. */
  async compare(baseId: string, otherId: string): Promise<ExamComparison> {
    uuidArg('baseId', baseId, 'periodontal exam id');
    uuidArg('otherId', otherId, 'periodontal exam id');
    const [base, other] = await Promise.all([this.require(baseId), this.require(otherId)]);
    if (base.patientId !== other.patientId)
      throw new DomainError('BAD_USER_INPUT', 'Only two exams of the same patient can be compared; pick another exam.');
    const [baseSites, otherSites] = await this.sitesOf([base.id, other.id]);
    const sites = otherSites.flatMap((after): SiteDelta[] => {
      const before = baseSites.find((b) => b.toothNumber === after.toothNumber && b.site === after.site);
      if (!before) return [];
      return [
        {
          toothNumber: after.toothNumber,
          site: after.site,
          probingDepthDelta: delta(before.probingDepth, after.probingDepth),
          recessionDelta: delta(before.recession, after.recession),
          attachmentLossDelta: delta(attachmentLoss(before), attachmentLoss(after)),
          bleedingBefore: before.bleeding,
          bleedingAfter: after.bleeding,
        },
      ];
    });
    return { base, other, sites };
  }

  private async requireDraft(id: string): Promise<PeriodontalExam> {
    const exam = await this.require(id, true);
    if (exam.status !== 'draft')
      throw new DomainError(
        'CONFLICT',
        'This periodontal exam is closed and can no longer change; start a new exam to record new findings.',
      );
    return exam;
  }
}
