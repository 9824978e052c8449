import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import { errorText, failureText, fieldErrors, KNOWN_ERROR_CODES, translatorOf } from './errors.ts';
import { noticeFilter } from './notify.ts';

const translator = (locale: 'en' | 'es') =>
  translatorOf(createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en, es } }).global);

const badInput = (fields: object[]) => ({
  message: 'patientId is not a valid patient id; endTime must be after startTime',
  extensions: { code: 'BAD_USER_INPUT', fields },
});

describe('errors in the person’s language', () => {
  it('words each field’s broken rule in Spanish and English, and keeps a module’s own message', () => {
    const refused = badInput([
      { field: 'input.patientId', message: 'is not a valid patient id', rule: 'required' },
      { field: 'input.name', message: 'Too small', rule: 'too_small', origin: 'string', minimum: 2 },
      // As zod 4 reports it: the origin and the format.
      {
        field: 'input.email',
        message: 'is not an email address',
        rule: 'invalid_format',
        origin: 'string',
        format: 'email',
      },
      {
        field: 'input.phone',
        message: 'is not a phone number',
        rule: 'invalid_format',
        origin: 'string',
        format: 'regex',
      },
      { field: 'input.quantity', message: 'Too big', rule: 'too_big', origin: 'number', maximum: 99 },
      { field: 'input.endTime', message: 'must be after startTime', rule: 'custom' },
    ]);
    expect(fieldErrors([refused], translator('es'))).toEqual({
      patientId: 'es obligatorio',
      name: 'debe tener al menos 2 caracteres',
      email: 'no es una dirección de correo electrónico',
      phone: es.errors.rules.invalid_format.regex,
      quantity: 'debe ser como máximo 99',
      endTime: 'must be after startTime',
    });
    expect(fieldErrors([refused], translator('en'))).toMatchObject({
      patientId: 'is required',
      name: 'must have at least 2 characters',
    });
    // Without a translator (or a rule) the server's words stay.
    expect(fieldErrors([refused]).patientId).toBe('is not a valid patient id');
  });

  it('words an error by its reason where a message for it exists, with the error’s details', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'es',
      fallbackLocale: 'en',
      messages: {
        en: { ...en, errors: { ...en.errors, reasons: { TAKEN: 'Already taken by {number}.' } } },
        es: { ...es, errors: { ...es.errors, reasons: { TAKEN: 'Ya lo tiene {number}.' } } },
      },
    });
    const taken = {
      message: 'Budget PRES-1 is already invoiced (FAC-1); void that invoice first.',
      extensions: { code: 'CONFLICT', reason: 'TAKEN', number: 'FAC-1' },
    };
    expect(errorText(taken, translatorOf(i18n.global))).toBe('Ya lo tiene FAC-1.');
    i18n.global.locale.value = 'en';
    expect(errorText(taken, translatorOf(i18n.global))).toBe('Already taken by FAC-1.');
    // A reason without a message: the code's explanation, as before.
    const other = { ...taken, extensions: { code: 'CONFLICT', reason: 'SOMETHING_ELSE' } };
    expect(errorText(other, translator('es'))).toBe(es.errors.explain.CONFLICT);
  });

  it('explains every contract code in Spanish, and keeps the server’s exact words in English', () => {
    const es = translator('es');
    for (const code of KNOWN_ERROR_CODES) {
      expect(es.te(`errors.codes.${code}`), code).toBe(true);
      expect(es.te(`errors.explain.${code}`), code).toBe(true);
      expect(translator('en').te(`errors.explain.${code}`), code).toBe(true);
    }
    const tooLong = { message: 'The range is longer than 365 days.', extensions: { code: 'BAD_USER_INPUT' } };
    expect(errorText(tooLong, translator('en'))).toBe('The range is longer than 365 days.');
    expect(errorText(tooLong, es)).toBe('Hay valores no válidos. Revísalos y vuelve a intentarlo.');
    // A fault's message never shows, in any language.
    expect(errorText({ message: 'relation "x" does not exist', extensions: {} }, translator('en'))).toMatch(
      /went wrong on the server/,
    );
  });

  it('gives a failed query’s text without Apollo’s "GraphQL response contains errors" wrapper', () => {
    const failure = Object.assign(new Error('GraphQL response contains errors: The range is longer than 365 days.'), {
      graphQLErrors: [{ message: 'The range is longer than 365 days.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(failureText(failure, translator('en'))).toBe('The range is longer than 365 days.');
    expect(failureText({ networkError: new Error('fetch failed') }, translator('es'))).toBe(
      'No se puede contactar con el servidor',
    );
  });
});

describe('toasts', () => {
  it('shows an identical notice once while it is on screen, again once it left or was closed', () => {
    let now = 0;
    const notices = noticeFilter(() => now);
    const toast = { severity: 'error' as const, summary: 'Invalid input', detail: 'endTime: must be after start' };
    expect(notices.admit(toast)).toBe(true);
    expect(notices.admit({ ...toast })).toBe(false);
    expect(notices.admit({ ...toast, detail: 'another' })).toBe(true);
    now = 8_001;
    expect(notices.admit(toast)).toBe(true);
    notices.release(toast);
    expect(notices.admit(toast)).toBe(true);
  });
});
