import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { createI18n } from 'vue-i18n';
import { createHostState, HOST_KEY, type HostState } from '../../../../web/src/shell/host.ts';
import hostEn from '../../../../web/src/i18n/en.json';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import InvoiceActions from '../components/InvoiceActions.vue';
import type { InvoiceKind, InvoiceStatus } from '@dentalpin/web/gql/types';

const host = (permissions: string[]): HostState =>
  createHostState({
    me: {
      user: { id: 'u1', email: 'a@b.test', fullName: 'Rosa Recepción', isPlatformAdmin: false },
      clinic: { id: 'c1', name: 'Clínica', timezone: 'Europe/Madrid' },
      clinics: [],
      role: 'receptionist',
      permissions,
    },
    activeModules: [
      { name: 'billing', version: '0.1.0', category: 'official', summary: '', permissions: [], navigation: [] },
    ],
    bakedLayers: ['billing'],
    loaded: true,
  });

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((fn) => fn());
  cleanup = [];
});

function mountActions(
  nextStatuses: InvoiceStatus[],
  permissions = ['billing.read', 'billing.write'],
  kind: InvoiceKind = 'INVOICE',
) {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { ...hostEn, ...en } } });
  const wrapper = mount(InvoiceActions, {
    props: { invoice: { kind, nextStatuses } },
    global: { plugins: [PrimeVue, i18n], provide: { [HOST_KEY as symbol]: host(permissions) } },
  });
  cleanup.push(() => wrapper.unmount());
  return wrapper;
}
const offered = (w: ReturnType<typeof mount>) =>
  w.findAll('[data-action]').map((b) => [b.attributes('data-action'), b.text()]);

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

  it('has every message in Spanish too', () => {
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});
