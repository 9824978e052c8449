import { z } from 'zod';
import { defineTool, enumNames, hasPermission, type Tool } from '@dentalpin/core';
import { timelineInput } from './inputs.ts';
import { shownEntry, TimelineService } from './service.ts';
import { timelineCategory } from './status.ts';

/** Agents name categories as the API does (VISIT); the service takes the stored value (visit). */
const categories = enumNames(timelineCategory.resolvers);

const getPatientTimeline = defineTool({
  name: 'get_patient_timeline',
  description:
    "Read a patient's timeline in the current clinic: what happened to them, newest first — visits (appointments " +
    'scheduled, checked in, completed, cancelled…), registration and detail changes, and that the medical history ' +
    'changed (never the medical details). An entry whose source the caller may not read (e.g. the medical ' +
    'history without its permission) comes with a generic title and no description. Filter by category (VISIT, ' +
    'TREATMENT, FINANCIAL, COMMUNICATION, MEDICAL, DOCUMENT, NOTE). Returns { entries: [{ type, category, title, description, occurredAt }], total, page, pageSize, ' +
    'hasMore }. Fails with NOT_FOUND when the patient is not in this clinic.',
  parameters: z.strictObject({
    patientId: timelineInput.shape.patientId.describe('The patient id (from patients.search_patients).'),
    category: z
      .enum(categories.names)
      .transform(categories.stored)
      .optional()
      .describe('Only entries of this category.'),
    page: timelineInput.shape.page.describe('Page number, from 1.'),
    pageSize: timelineInput.shape.pageSize.describe('Entries per page, 1-100 (default 20).'),
  }),
  permissions: ['patient_timeline.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new TimelineService(ctx).page(params);
    const may = (permission: string) => hasPermission(ctx.identity.grants, permission);
    return {
      ...page,
      entries: page.entries.map((entry) => {
        const { type, category, title, description, occurredAt } = shownEntry(entry, may);
        return { type, category: timelineCategory.toGraphQL(category), title, description, occurredAt };
      }),
    };
  },
});

export const tools: Tool[] = [getPatientTimeline] as Tool[];
