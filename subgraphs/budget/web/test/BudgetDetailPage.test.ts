import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  jsonResponse as json,
  mountLayer,
  settle,
  type GraphQLAnswer,
  expectNamedByLabel,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import BudgetDetailPage from '../pages/BudgetDetailPage.vue';
import BudgetsPage from '../pages/BudgetsPage.vue';
import PatientBudgetsTab from '../components/PatientBudgetsTab.vue';

const PATIENT = { __typename: 'Patient', id: 'p1', fullName: 'Zoe Quintana' };
/** Amounts as the API sends them: exact decimal strings. */
const budget = (over: Record<string, unknown> = {}) => ({
  __typename: 'Budget',
  id: 'b1',
  number: 'PRES-2026-0007',
  version: 1,
  status: 'DRAFT',
  validUntil: '2026-12-26',
  total: '1280.00',
  createdAt: '2026-11-26T09:00:00.000Z',
  patient: PATIENT,
  allowedActions: ['SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED'],
  validFrom: '2026-11-26',
  globalDiscountType: 'ABSOLUTE',
  globalDiscountValue: '10.50',
  subtotal: '12800.50',
  totalDiscount: '10.50',
  totalTax: '2686.79',
  notes: null,
  acceptedVia: null,
  rejectionReason: null,
  cancellationReason: null,
  items: [
    {
      __typename: 'BudgetItem',
      id: 'i1',
      description: 'Composite filling',
      quantity: 2,
      unitPrice: '40.00',
      discountType: null,
      discountValue: null,
      vatRate: '10.50',
      lineDiscount: '0.00',
      netAmount: '80.00',
      taxAmount: '8.40',
      total: '88.40',
      teeth: [36],
      surfaces: 2,
    },
  ],
  history: [],
  ...over,
});
const CATALOG = () =>
  json({
    data: {
      catalogItems: {
        __typename: 'CatalogItemPage',
        items: [
          {
            __typename: 'CatalogItem',
            id: 'c1',
            code: 'c1',
            name: 'Composite filling',
            price: '40.00',
            pricingStrategy: 'PER_SURFACE',
          },
          {
            __typename: 'CatalogItem',
            id: 'c2',
            code: 'c2',
            name: 'Whitening',
            price: '300.00',
            pricingStrategy: 'FLAT',
          },
        ],
      },
    },
  });
const router = () =>
  createRouter({
    history: createMemoryHistory(),
    routes: ['/budgets/:id', '/:p(.*)*'].map((path) => ({ path, component: { render: () => null } })),
  });

async function mountDetail(locale: string, addBudgetItem?: GraphQLAnswer) {
  const r = router();
  await r.push('/budgets/b1');
  await r.isReady();
  const mounted = mountLayer(BudgetDetailPage, {
    permissions: ['budget.read', 'budget.write'],
    modules: ['budget'],
    messages: { en, es },
    locale,
    attach: true,
    plugins: [r],
    fetch: {
      Budget: () => json({ data: { budget: budget() } }),
      BudgetCatalogOptions: CATALOG,
      ...(addBudgetItem ? { AddBudgetItem: addBudgetItem } : {}),
    },
  });
  await settle();
  return mounted;
}
const cells = (row: { findAll: (s: string) => { text: () => string }[] }) => row.findAll('td').map((c) => c.text());
/** Intl puts a no-break space between the amount and "€" (and before "%") in Spanish. */
const nbsp = (s: string) => s.replace(/ /g, '\u00a0');

async function pickToAdd(name: string) {
  document.querySelector<HTMLElement>('[data-test=budget-add-item]')!.click();
  await settle();
  Array.from(document.querySelectorAll<HTMLElement>('.p-select-option'))
    .find((o) => o.textContent!.includes(name))!
    .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await settle();
}
async function type(selector: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}
async function submitLine() {
  document.querySelector<HTMLFormElement>('[data-test=budget-add-line]')!.dispatchEvent(new Event('submit'));
  await settle();
}

describe('budget layer: the budget page', () => {
  it('shows every amount in euros in Spanish, and the VAT rate as a percentage', async () => {
    const { wrapper } = await mountDetail('es');
    // es-ES does not group four-digit numbers.
    expect(wrapper.findAll('[data-test=budget-totals] dd').map((d) => d.text())).toEqual([
      nbsp('12.800,50 €'),
      nbsp('−10,50 €'),
      nbsp('2686,79 €'),
      nbsp('1280,00 €'),
    ]);
    expect(wrapper.find('[data-test=budget-total]').text()).toBe(nbsp('1280,00 €'));
    // Validity days in Spanish, not ISO dates.
    expect(wrapper.text()).toContain('26 nov 2026 → 26 dic 2026');
    expect(wrapper.text()).not.toContain('2026-12-26');
    expect(cells(wrapper.find('[data-test=budget-lines] tbody tr'))).toEqual([
      'Composite filling',
      '36 · 2 superficies',
      '2',
      nbsp('40,00 €'),
      nbsp('0,00 €'),
      nbsp('80,00 €'),
      '8,40\u00a0€ (10,5\u00a0%)',
      nbsp('88,40 €'),
      '',
    ]);
  });

  it('in English too', async () => {
    const { wrapper } = await mountDetail('en');
    expect(wrapper.findAll('[data-test=budget-totals] dd').map((d) => d.text())).toEqual([
      '€12,800.50',
      '−€10.50',
      '€2,686.79',
      '€1,280.00',
    ]);
    expect(cells(wrapper.find('[data-test=budget-lines] tbody tr')).slice(1, 8)).toEqual([
      '36 · 2 surfaces',
      '2',
      '€40.00',
      '€0.00',
      '€80.00',
      '€8.40 (10.5%)',
      '€88.40',
    ]);
  });

  it("adds a draft's line with the surfaces its treatment needs", async () => {
    const { sent } = await mountDetail('en', () => json({ data: { addBudgetItem: budget() } }));
    expect(document.querySelector('#budget-add-surfaces')).toBeNull();
    await pickToAdd('Composite filling');
    expect(document.querySelector('#budget-add-surfaces')).not.toBeNull();
    await submitLine();
    expect(sent.filter((o) => o.operationName === 'AddBudgetItem')).toEqual([]);
    await type('#budget-add-surfaces', '3');
    await type('#budget-add-teeth', '46');
    await submitLine();
    expect(sent.filter((o) => o.operationName === 'AddBudgetItem').map((o) => o.variables)).toEqual([
      { budgetId: 'b1', input: { catalogItemId: 'c1', quantity: 1, teeth: [46], surfaces: 3 } },
    ]);
    // The form starts again for the next line.
    expect(document.querySelector('#budget-add-surfaces')).toBeNull();
  });

  it('names the treatment box by its visible label only, before and after a pick', async () => {
    await mountDetail('en');
    expectNamedByLabel(document.querySelector('#budget-add-item'), 'Add a treatment');
    await pickToAdd('Composite filling');
    expectNamedByLabel(document.querySelector('#budget-add-item'), 'Add a treatment');
  });

  it('says in Spanish, under the new line, why the server refuses it', async () => {
    // The item became priced by surfaces after the page read the catalog: the field is not on screen.
    const refusal = {
      message: 'Line 1: This treatment is priced by surfaces: give surfaces, a whole number from 1 to 5.',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'surfaces', rule: 'required', message: 'This treatment is priced by surfaces: …' }],
      },
    };
    const { notices, errorToasts } = await mountDetail('es', () => json({ errors: [refusal] }));
    await pickToAdd('Whitening');
    await submitLine();
    expect(document.querySelector('[data-test=error-budget-add]')!.textContent).toBe(
      'Este tratamiento se cobra por superficies: indica cuántas, de 1 a 5',
    );
    expect(errorToasts).toEqual([]);
    expect(notices.at(-1)).toMatchObject({ severity: 'error', summary: 'Datos no válidos' });
  });
});

describe('budget layer: budget lists', () => {
  const page = (items: unknown[]) => ({
    data: { budgets: { __typename: 'BudgetPage', items, total: items.length, page: 1, pageSize: 20 } },
  });

  it('the budgets page shows totals in euros, in Spanish', async () => {
    const { wrapper } = mountLayer(BudgetsPage, {
      permissions: ['budget.read'],
      modules: ['budget'],
      messages: { en, es },
      locale: 'es',
      plugins: [router()],
      fetch: { Budgets: () => json(page([budget({ total: '766.00' }), budget({ id: 'b2', total: '12800.00' })])) },
    });
    await settle();
    expect(wrapper.findAll('[data-test=budgets-table] tbody tr').map((r) => cells(r)[4])).toEqual([
      nbsp('766,00 €'),
      nbsp('12.800,00 €'),
    ]);
    expect(wrapper.find('[data-test=budgets-table] tbody').text()).toContain('26 dic 2026');
    expect(wrapper.find('[data-test=budgets-table] tbody').text()).not.toContain('2026-12-26');
  });

  it("the patient's budgets tab too", async () => {
    const { wrapper } = mountLayer(PatientBudgetsTab, {
      props: { ctx: { patientId: 'p1' } },
      permissions: ['budget.read'],
      modules: ['budget'],
      messages: { en, es },
      locale: 'es',
      plugins: [router()],
      fetch: {
        PatientBudgets: () => json({ data: { patient: { ...PATIENT, budgets: [budget({ total: '1280.00' })] } } }),
      },
    });
    await settle();
    expect(cells(wrapper.find('[data-test=patient-budgets] tbody tr'))[3]).toBe(nbsp('1280,00 €'));
  });
});
