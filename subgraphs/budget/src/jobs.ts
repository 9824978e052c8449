import { eachClinic, withEm, type ModuleJob } from '@dentalpin/core';
import { BudgetService } from './service/index.ts';
import { clinicsWithExpirableBudgets } from './service/status.ts';

export const jobs: Record<string, ModuleJob> = {
  expire_budgets: {
    everySeconds: 3600,
    description:
      'DRAFT and SENT budgets whose validUntil has passed (clinic time zone) become EXPIRED ' +
      '(one transaction per clinic; one clinic failing does not stop the others).',
    async run(ctx) {
      await eachClinic(ctx, 'expire_budgets', await clinicsWithExpirableBudgets(ctx.em), async (clinic) => {
        const expired = await clinic.em.transactional((em) =>
          new BudgetService(withEm(clinic, em)).expireOverdue(ctx.now),
        );
        return expired ? `${expired} budget(s) expired` : undefined;
      });
    },
  },
};
