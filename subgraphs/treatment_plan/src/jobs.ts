import { eachClinic, type ModuleJob } from '@dentalpin/core';
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
      await eachClinic(
        ctx,
        'close_expired_plans',
        rows.map((r) => r.clinic_id),
        async (clinic) => {
          const closed = await new TreatmentPlanService(clinic).closeExpired(ctx.now);
          return closed ? `${closed} plan(s) closed` : undefined;
        },
      );
    },
  },
};
