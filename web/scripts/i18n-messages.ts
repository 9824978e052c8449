import { readFileSync } from 'node:fs';
import { baseCompile } from '@intlify/message-compiler';
import type { Plugin } from 'vite';

/**
 * Vite plugin: message files (`web/src/i18n/*.json`, a layer's `web/i18n/*.json`, also inside node_modules)
 * become modules of precompiled messages, so the app ships vue-i18n without its message compiler
 * (`__INTLIFY_DROP_MESSAGE_COMPILER__` in vite.config.ts; about 25 KB less script on every page).
 *
 * Each message is compiled once here, in vue-i18n's JIT mode: a message with placeholders, plurals or linked
 * keys becomes its minified AST, which the runtime turns into a function; a plain text becomes `s("…")`, the
 * smallest AST the runtime accepts (`{ t: 0, b: { t: 2, s: text } }`). A message that does not compile fails
 * the build with its file and key.
 *
 * Messages a layer writes inline (not in a JSON file) are made ASTs when the host installs them
 * (`toMessageAst` in src/i18n/index.ts); only plain texts can be inline there.
 */
export const MESSAGE_FILE = /[\\/]i18n[\\/][A-Za-z_-]+\.json$/;

type Messages = { [key: string]: string | Messages };

/** A minified AST as a JS literal: its keys (t, b, i, s, v, k, m, c) unquoted. */
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([k, v]) => `${key(k)}:${literal(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function compileMessages(messages: Messages, file: string, path: string[] = []): string {
  const entries = Object.entries(messages).map(([name, value]) => {
    const at = [...path, name];
    if (typeof value === 'object' && value !== null) return `${key(name)}:${compileMessages(value, file, at)}`;
    if (typeof value !== 'string') throw new Error(`${file}: ${at.join('.')} is neither a message nor a group of them`);
    const errors: string[] = [];
    const { ast } = baseCompile(value, {
      jit: true,
      minify: true,
      location: false,
      onError: (error) => errors.push(error.message),
    });
    if (errors.length > 0)
      throw new Error(`${file}: ${at.join('.')}: ${errors.join('; ')} in ${JSON.stringify(value)}`);
    const body = (ast as unknown as { b: { t: number; s?: string } }).b;
    // A plain text: the optimizer joined it into `s` (static); its items are not read when `s` is set.
    const code = body.t === 2 && typeof body.s === 'string' ? `s(${JSON.stringify(body.s)})` : literal(ast);
    return `${key(name)}:${code}`;
  });
  return `{${entries.join(',')}}`;
}

export function precompiledMessages(): Plugin {
  return {
    name: 'dentalpin:i18n-messages',
    enforce: 'pre',
    load(id) {
      const [file, query = ''] = id.split('?') as [string, string?];
      // `?raw`, `?url`…: the file itself was asked for, not its messages.
      if (!MESSAGE_FILE.test(file) || /(^|&)(raw|url|inline|worker)\b/.test(query)) return null;
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
      return {
        code: `const s = (t) => ({ t: 0, b: { t: 2, s: t } });\nexport default ${compileMessages(messages, file)};\n`,
        moduleType: 'js',
        map: null,
      };
    },
  };
}
