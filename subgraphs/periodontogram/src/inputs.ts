import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { siteCode } from './status.ts';

/** FDI permanent teeth: quadrants 1–4, positions 1–8 (a periodontal chart probes permanent teeth only). */
export const FDI_PERMANENT_TEETH: readonly number[] = [1, 2, 3, 4].flatMap((q) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((n) => q * 10 + n),
);

export const patientId = uuid('patient id');
export const examId = uuid('periodontal exam id');

const toothNumber = z
  .number()
  .int()
  .refine((n) => FDI_PERMANENT_TEETH.includes(n), 'is not an FDI permanent tooth (11–18, 21–28, 31–38, 41–48)');
const mm = (min: number, max: number) =>
  z.number().int('is whole millimetres').min(min, `is below ${min} mm`).max(max, `is above ${max} mm`).nullish();
const grade = (what: string) => z.number().int().min(0, `${what} is 0–3`).max(3, `${what} is 0–3`).nullish();

export const siteInput = z.object({
  toothNumber,
  site: z.enum(siteCode.values as unknown as [string, ...string[]]),
  probingDepth: mm(0, 15),
  recession: mm(-5, 10),
  bleeding: z.boolean().nullish(),
  plaque: z.boolean().nullish(),
  suppuration: z.boolean().nullish(),
});
export const toothInput = z.object({ toothNumber, mobility: grade('mobility'), furcation: grade('furcation') });

export const recordSitesInput = z
  .object({
    examId,
    sites: z.array(siteInput).max(192, 'has more than the 192 sites of a full mouth'),
    teeth: z.array(toothInput).max(32).nullish(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.sites.forEach((s, i) => {
      const key = `${s.toothNumber}/${s.site}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['sites', i], message: `repeats tooth ${key}` });
      seen.add(key);
    });
    const teeth = new Set<number>();
    (v.teeth ?? []).forEach((t, i) => {
      if (teeth.has(t.toothNumber))
        ctx.addIssue({ code: 'custom', path: ['teeth', i], message: `repeats tooth ${t.toothNumber}` });
      teeth.add(t.toothNumber);
    });
  });
export type RecordSitesInput = z.infer<typeof recordSitesInput>;
