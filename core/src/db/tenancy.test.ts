import { describe, expect, it } from 'vitest';
import { currentBinding, enterClinicStep, openBindingCell } from './tenancy.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const later = () => new Promise((r) => setTimeout(r, 5));

describe('clinic steps of a job', () => {
  it('steps run in parallel keep their own clinic: one never re-binds the other', async () => {
    const seen = await openBindingCell('owner', () =>
      Promise.all(
        [A, B].map(async (clinic) => {
          enterClinicStep(clinic);
          const bound: (string | null | undefined)[] = [];
          for (let i = 0; i < 3; i++) {
            await later();
            bound.push(currentBinding()?.clinicId);
          }
          return bound;
        }),
      ),
    );
    expect(seen).toEqual([
      [A, A, A],
      [B, B, B],
    ]);
  });

  it('steps one after the other: each binds its clinic; after a step the job sees only that clinic (fails closed)', async () => {
    const seen = await openBindingCell('owner', async () => {
      const steps: (string | null | undefined)[] = [];
      for (const clinic of [A, B]) {
        await (async () => {
          enterClinicStep(clinic);
          await later();
          steps.push(currentBinding()?.clinicId);
        })();
        steps.push(currentBinding()?.owner ? 'owner' : `after ${currentBinding()?.clinicId}`);
      }
      return steps;
    });
    expect(seen).toEqual([A, `after ${A}`, B, `after ${B}`]);
  });

  it('outside a unit of work it binds nothing', () => {
    enterClinicStep(A);
    expect(currentBinding()).toBeUndefined();
  });
});
