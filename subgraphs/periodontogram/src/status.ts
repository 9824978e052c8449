import { defineStatusMachine, graphqlEnum } from '@dentalpin/core';

/** An exam is charted while DRAFT; closing it freezes its indices and it never changes again. */
export const examStatus = defineStatusMachine({
  subject: 'periodontal exam',
  states: ['draft', 'closed'],
  transitions: { draft: ['closed'], closed: [] },
});
export type ExamStatus = (typeof examStatus.values)[number];

/** The six probing sites of a tooth: mesio-, mid- and disto-buccal, then the same on the lingual/palatal side. */
export const siteCode = graphqlEnum(['mb', 'b', 'db', 'ml', 'l', 'dl'], 'a periodontal site');
export type SiteCode = (typeof siteCode.values)[number];
