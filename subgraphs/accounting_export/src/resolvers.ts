import { authorize } from '@dentalpin/core';
import type { Resolvers } from './generated/graphql.ts';
import { AccountingExportService } from './service/index.ts';
import { MAX_DAYS } from './inputs.ts';

const EXPORT = 'accounting_export.export';

/** Thin: one permission check (authorize), then the service. */
export const resolvers: Resolvers = {
  Query: {
    accountingExportPreview: (_, args, ctx) => new AccountingExportService(authorize(ctx, EXPORT)).preview(args),
    accountingExportLink: (_, args, ctx) =>
      new AccountingExportService(authorize(ctx, EXPORT)).link({
        from: args.from,
        to: args.to,
        ...(args.locale ? { locale: args.locale.toLowerCase() } : {}),
      }),
    accountingExportMaxDays: (_, __, ctx) => (authorize(ctx, EXPORT), MAX_DAYS),
  },
};
