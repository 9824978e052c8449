import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import { rangeInput } from './inputs.ts';
import { AccountingExportService } from './service/index.ts';

const previewExport = defineTool({
  name: 'preview_accounting_export',
  description:
    "What the accountant's export of the current clinic holds for the clinic-local days from..to (both " +
    'included, at most 366 days): invoice and credit-note counts, net, VAT and total, collections (payments ' +
    "recorded on invoices, and refunds of them as negative amounts) with their net sum and the refunds' " +
    'count and sum, and the first 10 rows of each file. Drafts are never included. ' +
    'The ZIP itself is downloaded from the web page. Errors: BAD_USER_INPUT (bad dates, end before start, ' +
    'range too long).',
  parameters: z.strictObject({ from: rangeInput.shape.from, to: rangeInput.shape.to }),
  permissions: ['accounting_export.export'],
  category: 'READ',
  async handler(ctx, params) {
    return new AccountingExportService(ctx).preview(params);
  },
});

export const tools: Tool[] = [previewExport] as Tool[];
