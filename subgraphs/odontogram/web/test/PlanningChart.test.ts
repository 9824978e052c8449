import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PlanningChart from '../components/PlanningChart.vue';

const treatment = (id: string, status: string, teeth: { toothNumber: number; surfaces: string[] }[]) => ({
  __typename: 'Treatment',
  id,
  clinicalType: 'filling_composite',
  category: 'restorative',
  scope: 'TOOTH',
  arch: null,
  status,
  allowedTransitions: status === 'PLANNED' ? ['PERFORMED'] : [],
  price: '65.00',
  durationMinutes: 40,
  notes: null,
  performedAt: status === 'PERFORMED' ? '2026-11-30T10:00:00.000Z' : null,
  teeth: teeth.map((x) => ({ __typename: 'TreatmentTooth', role: null, ...x })),
});
const WRITER = ['odontogram.read', 'odontogram.write', 'odontogram.treatments.read', 'odontogram.treatments.write'];

function mountPlanning(
  ctx: { editable: boolean; onPlanned?: (id: string) => void },
  locale: 'en' | 'es' = 'en',
  permissions = WRITER,
) {
  return mountLayer(PlanningChart, {
    props: { ctx: { patientId: 'p1', treatmentIds: ['t-in'], ...ctx } },
    messages: { en, es },
    permissions,
    locale,
    attach: true,
    fetch: {
      OdontogramTeeth: () =>
        json({ data: { odontogram: { __typename: 'Odontogram', patientId: 'p1', at: null, teeth: [] } } }),
      OdontogramTreatments: () =>
        json({
          data: {
            odontogram: {
              __typename: 'Odontogram',
              patientId: 'p1',
              treatments: [
                treatment('t-in', 'PLANNED', [{ toothNumber: 16, surfaces: ['O'] }]),
                treatment('t-out', 'PLANNED', [{ toothNumber: 26, surfaces: ['M'] }]),
                treatment('t-done', 'PERFORMED', [{ toothNumber: 36, surfaces: ['O'] }]),
              ],
            },
          },
        }),
      OdontogramDays: () => json({ data: { odontogramDays: [] } }),
      OdontogramCatalogItems: () =>
        json({
          data: {
            catalogItems: {
              __typename: 'CatalogItemPage',
              items: [
                { __typename: 'CatalogItem', id: 'i-crown', code: 'crown_zirconia', name: 'Zirconia crown' },
                { __typename: 'CatalogItem', id: 'i-filling', code: 'filling_composite', name: 'Composite filling' },
              ],
            },
          },
        }),
      AddTreatment: () =>
        json({ data: { addTreatment: treatment('t-new', 'PLANNED', [{ toothNumber: 46, surfaces: ['O', 'D'] }]) } }),
    },
  });
}

describe('odontogram layer: the chart in planning mode (slot treatment_plan.detail.chart)', () => {
  it('highlights the plan’s treatments, lists what is still to do, and charts no conditions', async () => {
    const { wrapper } = mountPlanning({ editable: true });
    await settle();
    expect(wrapper.find('[data-mark="t-in-O"]').classes()).toContain('in-plan');
    expect(wrapper.find('[data-mark="t-out-M"]').classes()).toContain('faded');
    const listed = wrapper.findAll('[data-test=treatment]');
    expect(listed.map((x) => x.attributes('data-in-plan'))).toEqual(['true', 'false']);
    expect(wrapper.find('[data-test=brush]').exists()).toBe(false);
    expect(wrapper.find('[data-test=history-day]').exists()).toBe(false);
    expect(wrapper.find('[data-test=treatment-status]').exists()).toBe(false);
    expect(wrapper.find('[data-test=perform]').exists()).toBe(false);
  });

  it('a surface clicked on the chart plans a treatment there and hands its id to the plan', async () => {
    const planned: string[] = [];
    const { wrapper, sent } = mountPlanning({ editable: true, onPlanned: (id) => planned.push(id) });
    await settle();
    await wrapper.find('[data-surface="46-O"]').trigger('click');
    await wrapper.find('[data-surface="46-D"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-test=selected-teeth]').text()).toBe('Selected: 46');
    expect((wrapper.find('[data-test=surface-O]').element as HTMLInputElement).checked).toBe(true);
    expect((wrapper.find('[data-test=surface-D]').element as HTMLInputElement).checked).toBe(true);
    expect(sent.some((x) => x.operationName === 'SetToothCondition')).toBe(false);
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.find((x) => x.operationName === 'AddTreatment')?.variables).toMatchObject({
      input: { patientId: 'p1', status: 'PLANNED', teeth: [{ toothNumber: 46, surfaces: ['O', 'D'] }] },
    });
    expect(planned).toEqual(['t-new']);
  });

  it('adds a planned treatment not yet in the plan with "Add to plan" (es)', async () => {
    const planned: string[] = [];
    const { wrapper } = mountPlanning({ editable: true, onPlanned: (id) => planned.push(id) }, 'es');
    await settle();
    const add = wrapper.findAll('[data-test=add-to-plan]');
    expect(add).toHaveLength(1);
    expect(add[0].text()).toBe('Añadir al plan');
    await add[0].trigger('click');
    expect(planned).toEqual(['t-out']);
  });

  // The form checks what the server would refuse before sending, and says it beside the field, in the
  // person's language: a per-surface type with no surface chosen, a catalog item for another type.
  it.each([
    ['en', 'Surfaces: choose at least one; “Composite filling” is recorded on the surfaces treated.'],
    ['es', 'Superficies: elige al menos una; «Obturación de composite» se registra en las superficies tratadas.'],
  ] as const)('asks for the surfaces of a per-surface treatment before sending it (%s)', async (locale, message) => {
    const planned: string[] = [];
    const { wrapper, sent } = mountPlanning({ editable: true, onPlanned: (id) => planned.push(id) }, locale);
    await settle();
    await wrapper.find('[data-tooth="46"]').trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.find('[data-test=selected-teeth]').text()).toContain('46');
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.some((x) => x.operationName === 'AddTreatment')).toBe(false);
    const error = wrapper.find('[data-test=error-surfaces]');
    expect(error.text()).toBe(message);
    // Next to the field it names: the surfaces group points at it, and the first surface has the focus.
    const group = wrapper.find('[data-test=treatment-surfaces]');
    expect(group.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(wrapper.find('[data-test=surface-M]').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement?.getAttribute('data-test')).toBe('surface-M');
    await wrapper.find('[data-test=surface-O]').setValue(true);
    expect(wrapper.find('[data-test=error-surfaces]').exists()).toBe(false);
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.find((x) => x.operationName === 'AddTreatment')?.variables).toMatchObject({
      input: { clinicalType: 'filling_composite', teeth: [{ toothNumber: 46, surfaces: ['O'] }] },
    });
    expect(planned).toEqual(['t-new']);
  });

  it.each([
    [
      'en',
      'Catalog item: “Zirconia crown” is for the treatment type “Crown”, not “Composite filling”. Choose a matching item, or none.',
    ],
    [
      'es',
      'Artículo del catálogo: «Zirconia crown» es para el tipo de tratamiento «Corona», no «Obturación de composite». Elige un artículo que corresponda o ninguno.',
    ],
  ] as const)('refuses a catalog item for another treatment type before sending it (%s)', async (locale, message) => {
    const { wrapper, sent } = mountPlanning({ editable: true }, locale, [...WRITER, 'catalog.read']);
    await settle();
    await wrapper.find('[data-surface="46-O"]').trigger('click');
    await wrapper.find('[data-test=catalog-item]').setValue('i-crown');
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.some((x) => x.operationName === 'AddTreatment')).toBe(false);
    const select = wrapper.find('[data-test=catalog-item]');
    const error = wrapper.find('[data-test=error-catalog-item]');
    expect(error.text()).toBe(message);
    expect(select.attributes('aria-invalid')).toBe('true');
    expect(select.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(document.activeElement).toBe(select.element);
    expect(wrapper.find('[data-test=error-surfaces]').exists()).toBe(false);
    // The matching item goes through (the server still decides).
    await select.setValue('i-filling');
    expect(wrapper.find('[data-test=error-catalog-item]').exists()).toBe(false);
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.find((x) => x.operationName === 'AddTreatment')?.variables).toMatchObject({
      input: { catalogItemId: 'i-filling', clinicalType: 'filling_composite' },
    });
  });

  it('a plan that cannot change offers no planning', async () => {
    const { wrapper } = mountPlanning({ editable: false });
    await settle();
    expect(wrapper.find('[data-test=treatment-form]').exists()).toBe(false);
    expect(wrapper.find('[data-test=add-to-plan]').exists()).toBe(false);
    expect(wrapper.find('[data-test=plan-locked]').exists()).toBe(true);
  });
});
