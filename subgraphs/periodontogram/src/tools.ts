import { z } from 'zod';
import { defineTool, notFound, type Tool } from '@dentalpin/core';
import type { PeriodontalExam } from './entities.ts';
import { examId, patientId, siteInput, toothInput } from './inputs.ts';
import { PeriodontogramService } from './service/index.ts';
import { examStatus, siteCode } from './status.ts';

/** How an exam looks to an agent: GraphQL enum names, its sites and its (live or frozen) indices. */
async function view(service: PeriodontogramService, exam: PeriodontalExam) {
  const [[sites], [teeth], indices] = await Promise.all([
    service.sitesOf([exam.id]),
    service.teethOf([exam.id]),
    service.indices(exam),
  ]);
  return {
    id: exam.id,
    patientId: exam.patientId,
    status: examStatus.toGraphQL(exam.status),
    closedAt: exam.closedAt ?? null,
    indices,
    sites: sites.map((s) => ({
      toothNumber: s.toothNumber,
      site: siteCode.toGraphQL(s.site),
      probingDepth: s.probingDepth ?? null,
      recession: s.recession ?? null,
      bleeding: s.bleeding,
      plaque: s.plaque,
      suppuration: s.suppuration,
    })),
    teeth: teeth.map((t) => ({
      toothNumber: t.toothNumber,
      mobility: t.mobility ?? null,
      furcation: t.furcation ?? null,
    })),
  };
}

const examParam = examId.describe('The periodontal exam id (from list_periodontal_exams or start_periodontal_exam).');

const listExams = defineTool({
  name: 'list_periodontal_exams',
  description:
    "A patient's periodontal exams, newest first: [{ id, status DRAFT|CLOSED, closedAt, indices { sitesExamined, " +
    'bleedingPercent, plaquePercent, meanProbingDepth, meanAttachmentLoss, pocketsOver5mm } }]. Read-only; use ' +
    'get_periodontal_exam for the sites.',
  parameters: z.strictObject({ patientId: patientId.describe('The patient id.') }),
  permissions: ['periodontogram.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new PeriodontogramService(ctx);
    const exams = await service.forPatient(params.patientId);
    return Promise.all(
      exams.map(async (e) => ({
        id: e.id,
        status: examStatus.toGraphQL(e.status),
        closedAt: e.closedAt ?? null,
        indices: await service.indices(e),
      })),
    );
  },
});

const getExam = defineTool({
  name: 'get_periodontal_exam',
  description:
    'One periodontal exam with every recorded site (tooth, site MB|B|DB|ML|L|DL, probingDepth, recession, bleeding, ' +
    'plaque, suppuration), per-tooth mobility/furcation and its indices. Read-only.',
  parameters: z.strictObject({ examId: examParam }),
  permissions: ['periodontogram.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new PeriodontogramService(ctx);
    const exam = await service.get(params.examId);
    if (!exam) throw notFound('Periodontal exam', params.examId);
    return view(service, exam);
  },
});

const startExam = defineTool({
  name: 'start_periodontal_exam',
  description:
    'Open a draft periodontal exam for a patient. A patient has at most one draft: if one exists this fails with ' +
    'CONFLICT (find it with list_periodontal_exams and continue it). Returns the new exam.',
  parameters: z.strictObject({ patientId: patientId.describe('The patient id.') }),
  permissions: ['periodontogram.write'],
  category: 'WRITE',
  graphqlMutations: ['startPeriodontalExam'],
  async handler(ctx, params) {
    const service = new PeriodontogramService(ctx);
    return view(service, await service.start(params.patientId));
  },
});

const siteParam = siteInput.extend({
  site: z
    .enum(siteCode.values.map((v) => siteCode.toGraphQL(v)) as [string, ...string[]])
    .transform((v) => siteCode.fromGraphQL(v))
    .describe('MB, B, DB (buccal: mesial, mid, distal) or ML, L, DL (lingual/palatal).'),
});

const recordSites = defineTool({
  name: 'record_periodontal_sites',
  description:
    'Record sites of a DRAFT periodontal exam. Each site (FDI permanent toothNumber 11–48, site) replaces what was ' +
    'recorded for it: probingDepth 0–15 mm, recession −5–10 mm, bleeding, plaque, suppuration (absent = cleared/false). ' +
    'teeth optionally sets mobility 0–3 and furcation 0–3 per tooth. A closed exam fails with CONFLICT. Returns the exam.',
  parameters: z.strictObject({
    examId: examParam,
    sites: z.array(siteParam).describe('The sites to save.'),
    teeth: z.array(toothInput).nullish().describe('Per-tooth mobility and furcation.'),
  }),
  permissions: ['periodontogram.write'],
  category: 'WRITE',
  graphqlMutations: ['recordPeriodontalSites'],
  async handler(ctx, params) {
    const service = new PeriodontogramService(ctx);
    return view(service, await service.record(params));
  },
});

const closeExam = defineTool({
  name: 'close_periodontal_exam',
  description:
    'Close a DRAFT periodontal exam: computes and freezes bleedingPercent, plaquePercent, meanProbingDepth, ' +
    'meanAttachmentLoss and pocketsOver5mm. A closed exam can never be edited again. Returns the exam.',
  parameters: z.strictObject({ examId: examParam }),
  permissions: ['periodontogram.write'],
  category: 'WRITE',
  graphqlMutations: ['closePeriodontalExam'],
  async handler(ctx, params) {
    const service = new PeriodontogramService(ctx);
    return view(service, await service.close(params.examId));
  },
});

export const tools: Tool[] = [listExams, getExam, startExam, recordSites, closeExam] as Tool[];
