import type { DemoContext } from '@dentalpin/core';
import { OdontogramDemoDataDocument } from './generated/operations.ts';
import { OdontogramService } from './service/index.ts';

/**
 * Realistic mouths for the first demo patients: an adult with caries, old fillings, a root canal, a missing
 * molar and a plan (filling, implant), an adult with a planned bridge, and a child with deciduous teeth.
 */
export async function seedDemoOdontograms(ctx: DemoContext): Promise<void> {
  const { patients, catalogItems } = await ctx.query(OdontogramDemoDataDocument, {});
  const [adult, bridge, child] = patients.items.map((p) => p.id);
  if (!adult || !bridge || !child) return;
  const item = (code: string) => catalogItems.items.find((i) => i.code === code)?.id ?? null;
  const service = new OdontogramService(ctx);
  const tooth = (patientId: string, toothNumber: number, condition: string, surfaces: [string, string][] = []) =>
    service.setToothCondition({
      patientId,
      toothNumber,
      condition,
      surfaces: surfaces.map(([surface, c]) => ({ surface, condition: c })),
    });

  await tooth(adult, 16, 'healthy', [
    ['o', 'caries'],
    ['m', 'caries'],
  ]);
  await tooth(adult, 26, 'healthy', [['o', 'filling']]);
  await tooth(adult, 36, 'root_canal');
  await tooth(adult, 46, 'missing');
  await tooth(adult, 18, 'extraction_indicated');
  await service.addTreatment({
    patientId: adult,
    catalogItemId: item('filling_composite'),
    clinicalType: 'filling_composite',
    teeth: [{ toothNumber: 16, surfaces: ['o', 'm'] }],
  });
  await service.addTreatment({
    patientId: adult,
    catalogItemId: item('implant'),
    clinicalType: 'implant',
    teeth: [{ toothNumber: 46 }],
  });
  await service.addTreatment({
    patientId: adult,
    catalogItemId: item('root_canal_molar'),
    clinicalType: 'root_canal_full',
    teeth: [{ toothNumber: 36 }],
    status: 'performed',
  });
  await service.addTreatment({
    patientId: adult,
    catalogItemId: item('cleaning'),
    clinicalType: 'cleaning',
    scope: 'global_mouth',
    status: 'performed',
  });

  await tooth(bridge, 25, 'missing');
  await tooth(bridge, 11, 'crown');
  await service.addTreatment({
    patientId: bridge,
    clinicalType: 'bridge',
    teeth: [{ toothNumber: 24 }, { toothNumber: 25 }, { toothNumber: 26 }],
  });
  await service.addTreatment({
    patientId: bridge,
    clinicalType: 'caries',
    teeth: [{ toothNumber: 37, surfaces: ['o'] }],
    status: 'performed',
  });

  await tooth(child, 55, 'healthy', [['o', 'caries']]);
  await tooth(child, 75, 'sealant');
  await service.addTreatment({
    patientId: child,
    catalogItemId: item('sealant'),
    clinicalType: 'sealant',
    teeth: [{ toothNumber: 85, surfaces: ['o'] }],
  });
}
