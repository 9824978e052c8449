import type { DemoContext } from '@dentalpin/core';
import { FDI_PERMANENT_TEETH } from './inputs.ts';
import { PeriodontogramService } from './service/index.ts';
import { siteCode } from './status.ts';

/**
 * A full-mouth chart with moderate disease on the molars (deep pockets, bleeding) and healthy anterior teeth;
 * `healing` lowers every depth by one millimetre, as after a course of root planing.
 */
function mouth(healing: number) {
  return FDI_PERMANENT_TEETH.flatMap((tooth) => {
    const position = tooth % 10;
    const molar = position >= 6;
    return siteCode.values.map((site, i) => {
      const interproximal = site !== 'b' && site !== 'l';
      const depth = Math.max(1, (molar ? 4 : 2) + (interproximal ? 1 : 0) + ((tooth + i) % 3 === 0 ? 1 : 0) - healing);
      return {
        toothNumber: tooth,
        site,
        probingDepth: depth,
        recession: molar && interproximal ? 1 : 0,
        bleeding: depth >= 4,
        plaque: (tooth + i) % 4 === 0,
        suppuration: depth >= 6,
      };
    });
  });
}

export async function seedDemoPeriodontalExams(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query<{ patients: { items: { id: string }[] } }>(
    `query { patients(pageSize: 2) { items { id } } }`,
  );
  const service = new PeriodontogramService(ctx);
  for (const [i, patient] of patients.items.entries()) {
    const baseline = await service.start(patient.id);
    await service.record({
      examId: baseline.id,
      sites: mouth(0),
      teeth: [{ toothNumber: 36, mobility: 1, furcation: 2 }],
    });
    await service.close(baseline.id);
    // The first patient is back for re-evaluation: a draft charted up to the upper arch.
    if (i === 0) {
      const review = await service.start(patient.id);
      await service.record({ examId: review.id, sites: mouth(1).filter((s) => s.toothNumber < 30) });
    }
  }
}
