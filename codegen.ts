import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the web host and every module's web layer, checked against the supergraph
 * composed from all discovered modules (`npm run compose` writes web/supergraph.graphql).
 */
const config: CodegenConfig = {
  schema: 'web/supergraph.graphql',
  documents: [
    'web/src/**/*.{ts,vue}',
    'subgraphs/*/web/**/*.{ts,vue}',
    'examples/*/web/**/*.{ts,vue}',
    '!web/src/generated/**',
    '!**/*.test.ts',
  ],
  ignoreNoDocuments: true,
  generates: {
    'web/src/generated/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          Date: 'string',
          JSON: 'unknown',
          Decimal: 'string',
          // Federation's own scalars in the supergraph SDL; never used by client operations.
          join__DirectiveArguments: 'unknown',
          join__FieldSet: 'string',
          link__Import: 'unknown',
        },
      },
    },
  },
};

export default config;
