import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mountLayer, settle } from '../testing/index.ts';
import { formIsValid } from '../shell/forms.ts';
import { parseDecimalInput } from '../shell/numbers.ts';
import DateField from './DateField.vue';
import NumberField from './NumberField.vue';

describe('decimal input in the person’s language', () => {
  it('reads the locale’s separator, thousands in threes, and refuses what is not a number', () => {
    expect(parseDecimalInput('100,50', 'es', 2)).toEqual({ value: '100.50' });
    expect(parseDecimalInput('1.500,5', 'es', 2)).toEqual({ value: '1500.5' });
    expect(parseDecimalInput('1.500', 'es', 2)).toEqual({ value: '1500' });
    expect(parseDecimalInput('100.5', 'es', 2)).toEqual({ value: '100.5' });
    expect(parseDecimalInput('100.50', 'en', 2)).toEqual({ value: '100.50' });
    expect(parseDecimalInput('1,234.5', 'en', 2)).toEqual({ value: '1234.5' });
    expect(parseDecimalInput(' ', 'en', 2)).toEqual({ value: null });
    expect(parseDecimalInput('abc', 'es', 0)).toEqual({ problem: 'notANumber' });
    expect(parseDecimalInput('1,5', 'es', 0)).toEqual({ problem: 'wholeNumber' });
    expect(parseDecimalInput('3,333', 'es', 2)).toEqual({ problem: 'tooManyDecimals' });
  });
});

/** A form holding one field, sending its model only when `formIsValid` lets it. */
function formWith(field: object, props: Record<string, unknown>, start: string | null) {
  const sent: (string | null)[] = [];
  const Host = defineComponent({
    setup() {
      const value = ref<string | null>(start);
      const submit = (event: Event) => formIsValid(event) && sent.push(value.value);
      return () =>
        h('form', { id: 'f', novalidate: true, onSubmit: (e: Event) => (e.preventDefault(), submit(e)) }, [
          h(field, {
            ...props,
            modelValue: value.value,
            'onUpdate:modelValue': (v: string | null) => (value.value = v),
          }),
        ]);
    },
  });
  return { sent, Host };
}
const type = async (id: string, value: string, events = ['input', 'change']) => {
  const el = document.querySelector<HTMLInputElement>(`#${id}`)!;
  el.value = value;
  for (const e of events) el.dispatchEvent(new Event(e));
  await settle();
};
const send = async () => {
  document.querySelector('#f')!.dispatchEvent(new Event('submit'));
  await settle();
};
const message = (id: string) => document.querySelector(`#${id}-error`)?.textContent?.trim();

describe('NumberField', () => {
  it('takes 100,50 in Spanish as "100.50" and shows a stored amount the Spanish way', async () => {
    const { sent, Host } = formWith(NumberField, { id: 'amount', label: 'Importe' }, '45.5');
    mountLayer(Host, { locale: 'es', attach: true });
    await settle();
    expect(document.querySelector<HTMLInputElement>('#amount')!.value).toBe('45,5');
    expect(document.querySelector('label[for=amount]')?.textContent).toBe('Importe');
    await type('amount', '100,50');
    await send();
    expect(sent).toEqual(['100.50']);
  });

  it('refuses "abc" as a quantity with a message beside the field, and sends nothing', async () => {
    const { sent, Host } = formWith(NumberField, { id: 'qty', label: 'Cantidad', decimals: 0, min: 1 }, '1');
    mountLayer(Host, { locale: 'es', attach: true });
    await type('qty', 'abc');
    await send();
    expect(sent).toEqual([]);
    expect(message('qty')).toBe('Introduce un número, p. ej. 3');
    expect(document.querySelector('#qty')!.getAttribute('aria-invalid')).toBe('true');
    await type('qty', '0');
    expect(message('qty')).toBe('debe ser como mínimo 1');
    await type('qty', '2');
    await send();
    expect(message('qty')).toBeUndefined();
    expect(sent).toEqual(['2']);
  });
});

describe('DateField', () => {
  it('keeps a typed date as it is and refuses one after max, saying so', async () => {
    const { sent, Host } = formWith(DateField, { id: 'dob', label: 'Date of birth', max: '2026-12-02' }, null);
    mountLayer(Host, { locale: 'en', attach: true });
    await type('dob', '2027-01-05');
    expect(message('dob')).toBe('must be on or before Dec 2, 2026');
    await send();
    expect(sent).toEqual([]);
    await type('dob', '1985-11-23');
    await send();
    expect(sent).toEqual(['1985-11-23']);
    expect(message('dob')).toBeUndefined();
  });

  it('shows the server’s message for the field', async () => {
    mountLayer(DateField, {
      props: { id: 'from', label: 'From', modelValue: '2026-01-01', error: 'is too early' },
      attach: true,
    });
    await settle();
    expect(message('from')).toBe('is too early');
  });
});
