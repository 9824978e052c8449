import type { DemoContext } from '@dentalpin/core';
import { PaymentsDemoDataDocument } from './generated/operations.ts';
import { PaymentsService } from './service/index.ts';

/** A few payments on the demo patients' accounts, one of them partly refunded. */
export async function seedDemoPayments(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query(PaymentsDemoDataDocument, {});
  const ids = patients.items.map((p) => p.id);
  if (!ids.length) return;
  const service = new PaymentsService(ctx);
  const first = await service.record({ patientId: ids[0], amount: '150.00', method: 'card', reference: 'TPV 0412' });
  await service.record({ patientId: ids[0], amount: '40.00', method: 'cash' });
  if (ids[1])
    await service.record({ patientId: ids[1], amount: '90.00', method: 'bank_transfer', reference: 'TRF 7781' });
  if (ids[2]) {
    const p = await service.record({ patientId: ids[2], amount: '60.00', method: 'cash' });
    await service.refund({
      paymentId: p.id,
      amount: '20.00',
      reasonCode: 'overpaid',
      reasonNote: 'Charged twice for the check-up',
    });
  }
  void first;
}
