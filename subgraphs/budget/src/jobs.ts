import { forClinic, type ModuleJob } from '@dentalpin/core';
import { BudgetService } from './service/index.ts';
import { clinicsWithExpirableBudgets } from './service/status.ts';

export const jobs: Record<string, ModuleJob> = {
  expire_budgets: {
    everySeconds: 3600,
    description: 'DRAFT and SENT budgets whose validUntil has passed (clinic time zone) become EXPIRED.',
    async run(ctx) {
      let expired = 0;
      // One transaction per clinic: each clinic's expiries commit on their own.
      for (const clinicId of await clinicsWithExpirableBudgets(ctx.em))
        expired += await ctx.em
          .fork()
          .transactional((em) => new BudgetService(forClinic(ctx, clinicId, em)).expireOverdue(ctx.now));
      if (expired) ctx.logger.info(`budget: ${expired} budget(s) expired`);
    },
  },
};
