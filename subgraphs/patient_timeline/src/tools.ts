import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import { CATEGORIES } from './entities/timeline-entry.ts';
import { timelineInput, TimelineService } from './service.ts';

const getPatientTimeline = defineTool({
  name: 'get_patient_timeline',
  description:
    "Read a patient's timeline in the current clinic: what happened to them, newest first — visits (appointments " +
    'scheduled, checked in, completed, cancelled…), registration and detail changes, and that the medical history ' +
    'changed (never the medical details). Filter by category (VISIT, TREATMENT, FINANCIAL, COMMUNICATION, MEDICAL, ' +
    'DOCUMENT, NOTE). Returns { entries: [{ type, category, title, description, occurredAt }], total, page, pageSize, ' +
    'hasMore }. Fails with NOT_FOUND when the patient is not in this clinic.',
  parameters: z.strictObject({
    patientId: timelineInput.shape.patientId.describe('The patient id (from patients.search_patients).'),
    category: z
      .enum(CATEGORIES.map((c) => c.toUpperCase()) as [string, ...string[]])
      .optional()
      .describe('Only entries of this category.'),
    page: timelineInput.shape.page.describe('Page number, from 1.'),
    pageSize: timelineInput.shape.pageSize.describe('Entries per page, 1-100 (default 20).'),
  }),
  permissions: ['patient_timeline.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new TimelineService(ctx.em, ctx.clinicId).page(params);
    return {
      ...page,
      entries: page.entries.map((e) => ({
        type: e.eventType,
        category: e.category.toUpperCase(),
        title: e.title,
        description: e.description,
        occurredAt: e.occurredAt,
      })),
    };
  },
});

export const tools: Tool[] = [getPatientTimeline] as Tool[];
