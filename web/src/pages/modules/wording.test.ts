import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { translatorOf } from '../../shell/errors.ts';
import { detailLines, failureWording, nonRemovableReason, refusalText } from './wording.ts';

const translator = (locale: 'en' | 'es') => {
  // JSON message files are plain objects; vue-i18n's message schema type cannot be inferred from them here.
  const i18n = createI18n({ legacy: false, locale, messages: structuredClone({ en, es }) as never });
  // As a layer contributes it (subgraphs/agenda/web/i18n/es.json).
  i18n.global.mergeLocaleMessage('es', { module_non_removable: { agenda: 'Las citas son historia clínica.' } });
  return translatorOf(i18n.global as never);
};
const refused = (message: string, extensions: Record<string, unknown> = {}) => ({
  message,
  extensions: { code: 'MODULE_OPERATION_REFUSED', ...extensions },
});

describe('modules wording', () => {
  it('words each refusal reason in English and Spanish with its parameters; a translated state', () => {
    const message = 'The code of "x" (1.0.0) is older than the installed 1.2.0; downgrades are not supported.';
    const downgrade = { reason: 'MODULE_DOWNGRADE', module: 'x', codeVersion: '1.0.0', installed: '1.2.0' };
    expect(refusalText(refused(message, downgrade), translator('es'))).toBe(
      'El código de x (1.0.0) es anterior a la versión instalada 1.2.0; no se puede volver a una versión anterior.',
    );
    const enable = { reason: 'MODULE_ENABLE_STATE', module: 'x', state: 'to_remove' };
    expect(
      refusalText(refused('Only disabled modules can be enabled; "x" is to_remove.', enable), translator('en')),
    ).toBe('Only disabled modules can be enabled; x is “To remove”.');
    const contract = refused('Module "x" does not meet the module contract:\n- x: NO_TOOLS: …', {
      reason: 'MODULE_CONTRACT',
      module: 'x',
      problems: [{ module: 'x', code: 'NO_TOOLS', message: '…' }],
    });
    expect(refusalText(contract, translator('es'))).toMatch(/^x no cumple el contrato de módulos \(x \(NO_TOOLS\)\)/);
    const tables = refused('…', { reason: 'TENANT_TABLE_WITHOUT_POLICY', tables: ['public.a', 'public.b'] });
    expect(refusalText(tables, translator('es'))).toMatch(/^Las tablas public\.a, public\.b tienen/);
    // Unknown refusals: the server's words in English, the code's explanation in Spanish.
    expect(refusalText(refused('Nope.'), translator('en'))).toBe('Nope.');
    expect(refusalText(refused('Nope.'), translator('es'))).not.toContain('Nope');
  });

  it('words a failure from its reason and parameters when it has them, else keeps the server words', () => {
    const skipped = { reason: 'MODULE_DEPENDENCY_FAILED', dependency: 'a', operation: 'upgrade' };
    expect(failureWording('waiting for dependency "a", whose upgrade failed', skipped, translator('es'))).toBe(
      'A la espera de su dependencia a, cuya actualización falló.',
    );
    const older = { reason: 'MODULE_CODE_OLDER', codeVersion: '1.0.0', installed: '1.2.0' };
    expect(failureWording('the code on disk is version 1.0.0, …', older, translator('es'))).not.toContain(
      'code on disk',
    );
    expect(failureWording('seed: boom', null, translator('es'))).toBe('seed: boom');
    expect(failureWording('seed: boom', { reason: 'NOT_A_KNOWN_REASON' }, translator('es'))).toBe('seed: boom');
  });

  it('shows details as lines of text, never JSON', () => {
    const tr = translator('en');
    expect(detailLines({ from: '1.0.0', to: '1.1.0', applied: [] }, tr)).toEqual([
      'Version 1.0.0 → 1.1.0',
      'Migrations applied: none',
    ]);
    expect(detailLines('{"path":"a.sql"}', tr)).toEqual(['Backup: a.sql']);
    expect(detailLines({ custom: { deep: [1, 2] }, flag: true }, tr)).toEqual(['custom: deep: 1, 2', 'flag: yes']);
    expect(detailLines(null, tr)).toEqual([]);
    // A failed step: the error alone, worded from its reason (its parameters are not listed again).
    const failed = {
      error: 'migrate: x: table(s) public.t have …',
      reason: 'TENANT_TABLE_WITHOUT_POLICY',
      tables: ['public.t'],
    };
    expect(detailLines(failed, translator('es'))).toEqual([
      expect.stringMatching(/^Error: Las tablas public\.t tienen/),
    ]);
  });

  it("says why a module cannot be removed in the person's language, from its layer, else the manifest's words", () => {
    expect(nonRemovableReason(translator('es'), 'agenda', 'Appointments are clinical records.')).toBe(
      'Las citas son historia clínica.',
    );
    expect(nonRemovableReason(translator('es'), 'inventory', 'Stock is kept.')).toBe('Stock is kept.');
    const refusal = refused('Module "agenda" cannot be removed: Appointments are clinical records. Pass force…', {
      reason: 'MODULE_NOT_REMOVABLE',
      module: 'agenda',
      why: 'Appointments are clinical records.',
      forceable: true,
    });
    expect(refusalText(refusal, translator('es'))).toBe(
      'El módulo agenda no se puede eliminar: Las citas son historia clínica. Pulsa «Forzar» para eliminarlo igualmente.',
    );
  });
});
