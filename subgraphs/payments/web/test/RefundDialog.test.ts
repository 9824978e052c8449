import { describe, it } from 'vitest';
import { mountLayer, settle, expectNamedByLabel } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import RefundDialog from '../components/RefundDialog.vue';

describe('payments layer: RefundDialog', () => {
  it('names the reason box by its visible label only, not by the chosen reason', async () => {
    mountLayer(RefundDialog, {
      props: {
        visible: true,
        payment: { id: '00000000-0000-4000-8000-0000000000bb', refundable: '100.50', currency: 'EUR' },
      },
      permissions: ['payments.record.read', 'payments.record.write'],
      messages: { en, es },
      attach: true,
      confirmDialog: true,
    });
    await settle();
    expectNamedByLabel(document.querySelector('#payments-refund-reason'), 'Reason');
  });
});
