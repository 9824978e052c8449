import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([\s\S]*?)`\s*\)/g;
const IMPORT = /^import \{ graphql \} from '(?:@dentalpin\/web\/gql|\.\.\/generated\/graphql\/index\.ts)';\n/m;
const DEFINITION = /^\s*(query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/;
const GENERATED = /^export const (\w+(?:Document|FragmentDoc)) = (\{.*\}) as unknown as DocumentNode<.*$/gm;

/**
 * Production builds only: every `graphql(`…`)` call becomes its precompiled document (the AST codegen wrote
 * to `graphql.ts`: `query Me` → `MeDocument`, `fragment X` → `XFragmentDoc`), inlined where it is written.
 * Without it the first `graphql()` call pulls the map of every document of every module (over 300 KB) into
 * the entry chunk, and importing the documents from `graphql.ts` instead would still share one chunk of all
 * of them; inlined, each page carries only its module's documents. A document codegen has not written yet
 * fails the build (run `npm run codegen`).
 */
export function graphqlDocuments(generatedTypes: string): Plugin {
  let documents: Map<string, string> | null = null;
  const generated = () =>
    (documents ??= new Map(
      [...readFileSync(generatedTypes, 'utf8').matchAll(GENERATED)].map((m) => [m[1], m[2]] as const),
    ));
  return {
    name: 'dentalpin:graphql-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/generated/') || !IMPORT.test(code)) return null;
      const out = code.replace(CALL, (_, source: string) => {
        const match = DEFINITION.exec(source);
        if (!match) throw new Error(`${id}: a graphql() document without a named operation or fragment.`);
        const name = match[1] === 'fragment' ? `${match[2]}FragmentDoc` : `${match[2]}Document`;
        const document = generated().get(name);
        if (!document) throw new Error(`${id}: ${name} is not generated yet; run npm run codegen.`);
        return `(${document})`;
      });
      if (/\bgraphql\(/.test(out)) return null; // a call this plugin does not understand: keep the map
      return { code: out.replace(IMPORT, ''), map: null };
    },
  };
}
