import type { DemoContext } from '@dentalpin/core';
import { PlanDemoDataDocument } from './generated/operations.ts';
import { TreatmentPlanService } from './service/index.ts';

/**
 * A pipeline with something in it: the first demo patient's planned treatments in a DRAFT plan ready to
 * confirm, the next one's in a plan CLOSED because the patient went away. No plan is confirmed here, so the
 * demo's budgets stay the budget module's own. Runs after the odontogram's demo (it depends on it).
 */
export async function seedDemoTreatmentPlans(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query(PlanDemoDataDocument, {});
  const service = new TreatmentPlanService(ctx);
  const withTreatments = patients.items.filter((p) => p.odontogram.treatments.length);
  for (const [i, patient] of withTreatments.slice(0, 2).entries()) {
    const plan = await service.create({
      patientId: patient.id,
      title: i === 0 ? 'Restorations and implant' : 'Bridge',
      treatmentIds: patient.odontogram.treatments.map((t) => t.id),
    });
    if (i === 1) await service.close({ id: plan.id, reason: 'patient_abandoned', note: 'Moved to another city' });
  }
}
