import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { answerConfirm, confirmMessage, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import InvoiceActions from '../components/InvoiceActions.vue';
import type { InvoiceKind, InvoiceStatus } from '@dentalpin/web/gql/types';

function mountActions(
  nextStatuses: InvoiceStatus[],
  permissions = ['billing.read', 'billing.write'],
  kind: InvoiceKind = 'INVOICE',
  status: InvoiceStatus = nextStatuses.includes('VOIDED') && nextStatuses.includes('ISSUED') ? 'DRAFT' : 'ISSUED',
) {
  return mountLayer(InvoiceActions, {
    props: { invoice: { kind, status, nextStatuses } },
    permissions,
    modules: ['billing'],
    fullName: 'Rosa Recepción',
    messages: { en },
    attach: true,
    confirmDialog: true,
  }).wrapper;
}
const offered = (w: VueWrapper) => w.findAll('[data-action]').map((b) => [b.attributes('data-action'), b.text()]);

describe('billing layer: InvoiceActions', () => {
  it('offers exactly the moves the server allows', () => {
    expect(offered(mountActions(['ISSUED', 'VOIDED']))).toEqual([
      ['issue', 'Issue'],
      ['void', 'Void'],
    ]);
    expect(offered(mountActions(['PARTIAL', 'PAID', 'CANCELLED', 'VOIDED'])).map(([a]) => a)).toEqual([
      'pay',
      'credit',
      'void',
    ]);
    expect(offered(mountActions(['PAID', 'CANCELLED'])).map(([a]) => a)).toEqual(['pay', 'credit']);
    expect(offered(mountActions([]))).toEqual([]);
    // PAID → PARTIAL | ISSUED are refunds (made on the patient's account): no payment, no issue.
    expect(offered(mountActions(['PARTIAL', 'ISSUED']))).toEqual([]);
  });

  it('offers to issue a DRAFT only, whatever else may move to ISSUED', () => {
    expect(offered(mountActions(['ISSUED', 'VOIDED'], undefined, 'INVOICE', 'DRAFT')).map(([a]) => a)).toEqual([
      'issue',
      'void',
    ]);
    // A PARTIAL invoice may go back to ISSUED (a full refund): that is never an "issue" action.
    expect(
      offered(mountActions(['PAID', 'CANCELLED', 'ISSUED'], undefined, 'INVOICE', 'PARTIAL')).map(([a]) => a),
    ).toEqual(['pay', 'credit']);
    // Even if the server offered ISSUED and VOIDED to a non-draft, issuing is not offered.
    expect(offered(mountActions(['ISSUED', 'VOIDED'], undefined, 'INVOICE', 'PAID')).map(([a]) => a)).toEqual(['void']);
  });

  it('offers nothing to a reader, nor on a credit note', () => {
    expect(offered(mountActions(['ISSUED', 'VOIDED'], ['billing.read']))).toEqual([]);
    expect(offered(mountActions(['ISSUED'], undefined, 'CREDIT_NOTE'))).toEqual([]);
  });

  it('tells the page which action was chosen', async () => {
    const wrapper = mountActions(['PARTIAL', 'PAID', 'CANCELLED', 'VOIDED']);
    await wrapper.find('[data-action=pay]').trigger('click');
    await wrapper.find('[data-action=credit]').trigger('click');
    expect(Object.keys(wrapper.emitted())).toEqual(expect.arrayContaining(['pay', 'credit']));
    expect(wrapper.emitted('void')).toBeUndefined();
  });

  it('asks before issuing (the number is permanent) and tells the page only once accepted', async () => {
    const wrapper = mountActions(['ISSUED', 'VOIDED']);
    await wrapper.find('[data-action=issue]').trigger('click');
    await settle();
    expect(confirmMessage()).toContain('permanent number');
    expect(wrapper.emitted('issue')).toBeUndefined();
    await answerConfirm(false);
    expect(wrapper.emitted('issue')).toBeUndefined();
    await wrapper.find('[data-action=issue]').trigger('click');
    await settle();
    await answerConfirm(true);
    expect(wrapper.emitted('issue')).toHaveLength(1);
  });

  it('has every message in Spanish too', () => {
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});
