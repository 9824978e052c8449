import { forClinic, type ModuleJob } from '@dentalpin/core';
import { TreatmentPlanService } from './service/index.ts';
import { EXPIRED_PLAN_GRACE_DAYS } from './status.ts';

export const jobs: Record<string, ModuleJob> = {
  close_expired_plans: {
    everySeconds: 86_400,
    description:
      `Daily: PENDING plans whose budget is EXPIRED and whose validUntil is ${EXPIRED_PLAN_GRACE_DAYS} days past ` +
      'are CLOSED with reason EXPIRED (one transaction per plan; one clinic failing does not stop the others).',
    async run(ctx) {
      const rows = await ctx.em
        .getConnection()
        .execute<{ clinic_id: string }[]>(
          `select distinct clinic_id from treatment_plans where status = 'pending' and budget_id is not null and deleted_at is null`,
        );
      const failed: string[] = [];
      for (const { clinic_id: clinicId } of rows) {
        try {
          const closed = await new TreatmentPlanService(forClinic(ctx, clinicId, ctx.em.fork())).closeExpired(ctx.now);
          if (closed)
            ctx.logger.info(`treatment_plan.close_expired_plans: clinic ${clinicId}: ${closed} plan(s) closed`);
        } catch (e) {
          ctx.logger.error(`treatment_plan.close_expired_plans: clinic ${clinicId}: ${(e as Error).message}`);
          failed.push(clinicId);
        }
      }
      if (failed.length) throw new Error(`closing expired plans failed for clinic(s) ${failed.join(', ')}`);
    },
  },
};
