import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { jsonResponse as json, mountLayer, settle, type GraphQLAnswer } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import OdontogramTab from '../components/OdontogramTab.vue';
import { CELL, MIN_TOOTH_PX, chartMinWidth, chartWidth } from '../components/chart.ts';

const surfaces = (over: Record<string, string> = {}) =>
  ['M', 'D', 'O', 'V', 'L'].map((surface) => ({
    __typename: 'SurfaceCondition',
    surface,
    condition: over[surface] ?? 'HEALTHY',
  }));
const tooth = (toothNumber: number, condition: string, over: Record<string, string> = {}) => ({
  __typename: 'ToothRecord',
  toothNumber,
  condition,
  deciduous: toothNumber > 50,
  notes: null,
  surfaces: surfaces(over),
});
const treatment = (
  id: string,
  clinicalType: string,
  status: string,
  teeth: { toothNumber: number; surfaces: string[] }[],
) => ({
  __typename: 'Treatment',
  id,
  clinicalType,
  category: 'restorative',
  scope: teeth.length > 1 ? 'MULTI_TOOTH' : 'TOOTH',
  arch: null,
  status,
  allowedTransitions: status === 'PLANNED' ? ['PERFORMED'] : [],
  price: '65.00',
  durationMinutes: 40,
  notes: null,
  performedAt: status === 'PERFORMED' ? '2026-11-30T10:00:00.000Z' : null,
  teeth: teeth.map((x) => ({ __typename: 'TreatmentTooth', role: null, ...x })),
});

const ALL = [
  'odontogram.read',
  'odontogram.write',
  'odontogram.treatments.read',
  'odontogram.treatments.write',
  'catalog.read',
];

function mountTab(permissions = ALL, locale: 'en' | 'es' = 'en', answers: Record<string, GraphQLAnswer> = {}) {
  return mountLayer(OdontogramTab, {
    props: { ctx: { patientId: 'p1' } },
    messages: { en, es },
    permissions,
    locale,
    attach: true,
    fetch: {
      OdontogramTeeth: ({ variables }) =>
        json({
          data: {
            odontogram: {
              __typename: 'Odontogram',
              patientId: 'p1',
              at: (variables as { at: string | null }).at,
              teeth: (variables as { at: string | null }).at
                ? [tooth(16, 'HEALTHY', { O: 'CARIES' })]
                : [tooth(16, 'HEALTHY', { O: 'CARIES', M: 'FILLING' }), tooth(46, 'MISSING')],
            },
          },
        }),
      OdontogramTreatments: () =>
        json({
          data: {
            odontogram: {
              __typename: 'Odontogram',
              patientId: 'p1',
              treatments: [
                treatment('t1', 'filling_composite', 'PLANNED', [{ toothNumber: 16, surfaces: ['O'] }]),
                treatment('t2', 'crown', 'PERFORMED', [{ toothNumber: 26, surfaces: [] }]),
              ],
            },
          },
        }),
      OdontogramDays: () =>
        json({
          data: {
            odontogramDays: [{ __typename: 'OdontogramDay', date: '2026-11-20', toothChanges: 1, treatments: 0 }],
          },
        }),
      OdontogramCatalogItems: () =>
        json({
          data: {
            catalogItems: {
              __typename: 'CatalogItemPage',
              items: [{ __typename: 'CatalogItem', id: 'i1', code: 'filling_composite', name: 'Composite filling' }],
            },
          },
        }),
      SetToothCondition: () =>
        json({ data: { setToothCondition: { __typename: 'ToothRecord', toothNumber: 16, condition: 'HEALTHY' } } }),
      AddTreatment: () =>
        json({
          data: {
            addTreatment: treatment('t3', 'filling_composite', 'PLANNED', [{ toothNumber: 16, surfaces: ['O', 'M'] }]),
          },
        }),
      PerformTreatment: () =>
        json({
          data: {
            performTreatment: treatment('t1', 'filling_composite', 'PERFORMED', [{ toothNumber: 16, surfaces: ['O'] }]),
          },
        }),
      ToothHistory: ({ variables }) =>
        json({
          data: {
            toothHistory: [
              {
                __typename: 'ToothChange',
                changeType: 'SURFACE',
                surface: 'O',
                oldCondition: 'HEALTHY',
                newCondition: 'CARIES',
                changedAt: '2026-11-20T10:00:00.000Z',
                toothNumber: (variables as { toothNumber: number }).toothNumber,
              },
            ],
          },
        }),
      DeleteTreatment: () => json({ data: { deleteTreatment: { __typename: 'Treatment', id: 't1' } } }),
      ...answers,
    },
  });
}
const surface = (w: VueWrapper, tooth: number, s: string) => w.find(`[data-surface="${tooth}-${s}"]`);

describe('odontogram layer: the patient Chart tab', () => {
  it('draws 32 permanent teeth with surface colours, mesial towards the midline, and planned vs performed marks', async () => {
    const { wrapper } = mountTab();
    await settle();
    expect(wrapper.findAll('[data-tooth]')).toHaveLength(32);
    expect(surface(wrapper, 16, 'O').attributes('fill')).toBe('#EF4444');
    expect(surface(wrapper, 16, 'M').attributes('fill')).toBe('#3B82F6');
    expect(surface(wrapper, 16, 'D').attributes('fill')).toBe('#FFFFFF');
    // Q1 is on the left of the screen: its mesial sector points right (towards the midline), Q2's left.
    const centreX = (d: string) => Number(d.split(' ')[1]);
    expect(centreX(surface(wrapper, 11, 'M').attributes('d')!)).toBeGreaterThan(
      centreX(surface(wrapper, 11, 'D').attributes('d')!),
    );
    expect(centreX(surface(wrapper, 21, 'M').attributes('d')!)).toBeLessThan(
      centreX(surface(wrapper, 21, 'D').attributes('d')!),
    );
    expect(wrapper.find('[data-mark="t1-O"]').classes()).toContain('planned');
    expect(wrapper.find('[data-mark="t2"]').classes()).toContain('performed');
    expect(wrapper.find('[data-tooth="46"]').classes()).toContain('absent');
    expect(wrapper.find('[data-tooth="46"] [data-condition-ring]').attributes('style')).toBe('stroke: #9CA3AF;');
    await wrapper.find('[data-test=deciduous-toggle]').setValue(true);
    expect(wrapper.findAll('[data-tooth]')).toHaveLength(20);
    expect(wrapper.find('[data-tooth="55"]').exists()).toBe(true);
    expect(wrapper.find('[data-tooth="16"]').exists()).toBe(false);
  });

  it('is driven by the keyboard: arrows move the focus, a surface letter paints it, Enter selects', async () => {
    const { wrapper, sent } = mountTab();
    await settle();
    const first = wrapper.find('[data-tooth="18"]');
    expect(first.attributes('tabindex')).toBe('0');
    expect(wrapper.findAll('[data-tooth][tabindex="0"]')).toHaveLength(1);
    await first.trigger('keydown', { key: 'ArrowRight' });
    await settle();
    expect(document.activeElement?.getAttribute('data-tooth')).toBe('17');
    await wrapper.find('[data-tooth="17"]').trigger('keydown', { key: 'ArrowRight' });
    await settle();
    const third = wrapper.find('[data-tooth="16"]');
    expect(third.attributes('tabindex')).toBe('0');
    expect(document.activeElement?.getAttribute('data-tooth')).toBe('16');
    await third.trigger('keydown', { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement?.getAttribute('data-tooth')).toBe('46');
    await wrapper.find('[data-tooth="46"]').trigger('keydown', { key: 'ArrowUp' });
    await settle();
    await wrapper.find('[data-test=brush]').setValue('SEALANT');
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'v' });
    await settle();
    expect(document.activeElement?.getAttribute('data-surface')).toBe('16-V');
    expect(sent.find((s) => s.operationName === 'SetToothCondition')?.variables).toEqual({
      patientId: 'p1',
      toothNumber: 16,
      surfaces: [{ surface: 'V', condition: 'SEALANT' }],
    });
    // Painting selects the tooth; Escape leaves the surface, Enter then toggles the tooth's selection.
    expect(wrapper.find('[data-test=selected-teeth]').text()).toBe('Selected: 16');
    expect(sent.filter((x) => x.operationName === 'ToothHistory').at(-1)?.variables).toEqual({
      patientId: 'p1',
      toothNumber: 16,
    });
    expect(wrapper.find('[data-test=tooth-history]').text()).toContain('occlusal: Healthy → Caries');
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Escape' });
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.find('[data-test=selected-teeth]').exists()).toBe(false);
    expect(wrapper.find('[data-test=tooth-history]').exists()).toBe(false);
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Enter' });
    await wrapper.find('[data-tooth="15"]').trigger('keydown', { key: 'Enter', shiftKey: true });
    await settle();
    expect(wrapper.find('[data-test=selected-teeth]').text()).toBe('Selected: 16, 15');
  });

  it('records a treatment on the selected teeth and surfaces, and performs a planned one', async () => {
    const { wrapper, sent } = mountTab();
    await settle();
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Enter' });
    await wrapper.find('[data-tooth="26"]').trigger('keydown', { key: 'Enter', shiftKey: true });
    await settle();
    await wrapper.find('[data-test=catalog-item]').setValue('i1');
    await wrapper.find('[data-test="surface-O"]').setValue(true);
    await wrapper.find('[data-test="surface-M"]').setValue(true);
    await wrapper.find('[data-test=add-treatment]').trigger('click');
    await settle();
    expect(sent.find((s) => s.operationName === 'AddTreatment')?.variables).toEqual({
      input: {
        patientId: 'p1',
        catalogItemId: 'i1',
        clinicalType: 'filling_composite',
        scope: null,
        arch: null,
        status: 'PLANNED',
        teeth: [
          { toothNumber: 16, surfaces: ['O', 'M'] },
          { toothNumber: 26, surfaces: ['O', 'M'] },
        ],
      },
    });
    const planned = wrapper.findAll('[data-test=treatment]').find((li) => li.attributes('data-status') === 'PLANNED')!;
    await planned.find('[data-test=perform]').trigger('click');
    await settle();
    expect(sent.find((s) => s.operationName === 'PerformTreatment')?.variables).toEqual({ id: 't1' });
  });

  it('shows a past day read-only, and hides what the role may not do', async () => {
    const { wrapper, sent } = mountTab(['odontogram.read']);
    await settle();
    expect(sent.some((s) => s.operationName === 'OdontogramTreatments')).toBe(false);
    expect(wrapper.find('[data-test=treatment-form]').exists()).toBe(false);
    expect(wrapper.find('[data-test=brush]').exists()).toBe(false);
    await wrapper.find('[data-test=history-day]').setValue('2026-11-20');
    await settle();
    expect(sent.at(-1)).toMatchObject({
      operationName: 'OdontogramTeeth',
      variables: { patientId: 'p1', at: '2026-11-20' },
    });
    expect(wrapper.find('[data-test=read-only]').exists()).toBe(true);
    expect(surface(wrapper, 16, 'M').attributes('fill')).toBe('#FFFFFF');
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'o' });
    await settle();
    expect(sent.some((s) => s.operationName === 'SetToothCondition')).toBe(false);
  });

  it('draws a lateral view per tooth, mirrored per quadrant, with whole-tooth treatments on it', async () => {
    const { wrapper } = mountTab();
    await settle();
    expect(wrapper.findAll('[data-lateral]')).toHaveLength(32);
    const scale = (n: number) =>
      /scale\(([-\d]+) ([-\d]+)\)/.exec(wrapper.find(`[data-lateral="${n}"]`).attributes('transform')!)!.slice(1);
    // Q1 as drawn; Q2 mirrored horizontally; Q3 both ways; Q4 vertically (roots away from the occlusal plane).
    expect([scale(16), scale(26), scale(36), scale(46)]).toEqual([
      ['1', '1'],
      ['-1', '1'],
      ['-1', '-1'],
      ['1', '-1'],
    ]);
    // Molars have two roots (the root path has a notch), incisors one.
    expect(wrapper.find('[data-lateral="16"] .root').attributes('d')!.split('L').length).toBeGreaterThan(
      wrapper.find('[data-lateral="11"] .root').attributes('d')!.split('L').length,
    );
    expect(wrapper.find('[data-lateral="16"] .crown').attributes('fill')).toBe('#FFFFFF');
    expect(wrapper.find('[data-lateral-mark="t2"]').classes()).toContain('performed');
    expect(wrapper.find('[data-lateral="26"]').attributes('aria-hidden')).toBe('true');
  });

  it('moves through history with the slider (oldest left, today right)', async () => {
    const { wrapper, sent } = mountTab();
    await settle();
    const slider = wrapper.find('[data-test=history-slider]');
    expect(slider.attributes('max')).toBe('1');
    expect((slider.element as HTMLInputElement).value).toBe('1');
    await slider.setValue('0');
    await settle();
    expect(sent.at(-1)).toMatchObject({ operationName: 'OdontogramTeeth', variables: { at: '2026-11-20' } });
    expect(wrapper.find('[data-test=read-only]').exists()).toBe(true);
    await slider.setValue('1');
    await settle();
    expect(wrapper.find('[data-test=read-only]').exists()).toBe(false);
  });

  it.each([
    [
      'en',
      'Catalog item: it is for another treatment type. Choose a matching item, or none.',
      'Surfaces: this catalog item is priced by surfaces; choose the surfaces treated on tooth 26.',
      'notes is too long',
    ],
    [
      'es',
      'Artículo del catálogo: es para otro tipo de tratamiento. Elige un artículo que corresponda o ninguno.',
      'Superficies: este artículo del catálogo se cobra por superficies; elige las superficies tratadas en el diente 26.',
      'El tratamiento no se ha registrado: revisa el tipo de tratamiento, el artículo del catálogo y los dientes.',
    ],
  ] as const)(
    'shows the server’s refusals beside the fields they name, in the person’s language (%s)',
    async (locale, item, surfaces, other) => {
      const refusal = (fields: { field: string; rule?: string; message: string }[]) => () =>
        json({
          data: null,
          errors: [{ message: fields.map((f) => f.message).join(' '), extensions: { code: 'BAD_USER_INPUT', fields } }],
        });
      let answer = refusal([
        { field: 'catalogItemId', rule: 'mismatch', message: 'The catalog item is another treatment.' },
        { field: 'teeth.1.surfaces', rule: 'required', message: 'priced by surfaces' },
        { field: 'notes', message: 'notes is too long' },
      ]);
      const { wrapper, sent, notices, errorToasts } = mountTab(ALL, locale, { AddTreatment: () => answer() });
      await settle();
      await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Enter' });
      await wrapper.find('[data-tooth="26"]').trigger('keydown', { key: 'Enter', shiftKey: true });
      await wrapper.find('[data-test=catalog-item]').setValue('i1');
      await wrapper.find('[data-test="surface-O"]').setValue(true);
      await wrapper.find('[data-test=add-treatment]').trigger('click');
      await settle();
      expect(sent.filter((x) => x.operationName === 'AddTreatment')).toHaveLength(1);
      expect(wrapper.find('[data-test=error-catalog-item]').text()).toBe(item);
      expect(wrapper.find('[data-test=error-surfaces]').text()).toBe(surfaces);
      expect(wrapper.find('[data-test=error-treatment]').text()).toBe(other);
      // One toast saying fields need fixing (the form's own), not the generic error toast.
      expect(errorToasts).toHaveLength(0);
      expect(notices.filter((n) => n.severity === 'error')).toHaveLength(1);
      // Changing the form takes the refusal away; the next answer is taken.
      await wrapper.find('[data-test="surface-M"]').setValue(true);
      expect(wrapper.find('[data-test=error-catalog-item]').exists()).toBe(false);
      expect(wrapper.find('[data-test=error-treatment]').exists()).toBe(false);
      answer = refusal([{ field: 'scope', rule: 'required', message: 'record it on teeth' }]);
      await wrapper.find('[data-test=add-treatment]').trigger('click');
      await settle();
      expect(wrapper.find('[data-test=error-coverage]').text()).toBe(
        locale === 'en'
          ? 'Covers: this catalog item is priced by surfaces; record it on the selected teeth, with their surfaces.'
          : 'Abarca: este artículo del catálogo se cobra por superficies; regístralo en los dientes seleccionados, con sus superficies.',
      );
    },
  );

  it('on a phone, keeps teeth big enough to tap in a box that scrolls sideways, the keyboard reaching every tooth', async () => {
    // The narrowest the chart is drawn: a tooth's cell at MIN_TOOTH_PX at least (the CSS applies it below 768px).
    expect(MIN_TOOTH_PX).toBeGreaterThanOrEqual(32);
    expect((chartMinWidth() / chartWidth()) * CELL).toBeGreaterThanOrEqual(MIN_TOOTH_PX);
    const scrolled: { tooth: string | null; options: unknown }[] = [];
    const spy = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element, options) {
      scrolled.push({ tooth: this.getAttribute('data-tooth'), options });
    });
    try {
      const { wrapper } = mountTab();
      await settle();
      const box = wrapper.find('[data-test=chart-scroll]');
      expect(box.find('[data-test=odontogram-chart]').exists()).toBe(true);
      expect(box.attributes('style')).toContain(`--chart-min-width: ${chartMinWidth()}px`);
      expect(wrapper.find('[data-test=chart-scroll-hint]').text()).toBe('Swipe sideways to see every tooth.');
      // Arrow keys go through all 32 teeth, each scrolled into view within the box (never the page sideways).
      const reached = ['18'];
      for (let i = 0; i < 31; i++) {
        await wrapper.find(`[data-tooth="${reached.at(-1)}"]`).trigger('keydown', { key: 'ArrowRight' });
        await settle();
        reached.push(document.activeElement!.getAttribute('data-tooth')!);
      }
      expect(new Set(reached).size).toBe(32);
      expect(scrolled.at(-1)).toEqual({ tooth: reached.at(-1), options: { block: 'nearest', inline: 'nearest' } });
      expect(wrapper.find(`[data-tooth="${reached.at(-1)}"]`).attributes('aria-label')).toBe(
        `Tooth ${reached.at(-1)}, Healthy`,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('speaks Spanish, with every key it has in English', async () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(es).sort()).toEqual(keys(en).sort());
    const { wrapper } = mountTab(ALL, 'es');
    await settle();
    expect(wrapper.find('[data-tooth="16"]').attributes('aria-label')).toBe('Diente 16, Sano');
    // Clinical types by name in the person's language, in the list and in the picker (not the raw code).
    expect(wrapper.find('[data-test=treatment] strong').text()).toBe('Obturación de composite');
    await wrapper.find('[data-tooth="16"]').trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.find('[data-test=clinical-type] option[value=crown_on_implant]').text()).toBe(
      'Corona sobre implante',
    );
  });
});
