import {
  GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';

/** What one document may ask for. Checked on the parsed document, before validation, planning and resolvers. */
export interface QueryLimits {
  /** Characters of the document, checked before it is even read. */
  characters: number;
  /** Lexical tokens; parsing stops at the first one over (linear, so huge documents cost nothing). */
  tokens: number;
  /** Nesting of selections, fragments included. */
  depth: number;
  /** Aliased fields (`a: me b: me …`) per operation. */
  aliases: number;
  /** Root fields per operation (aliases of one field count each). */
  rootFields: number;
  /** Directives per operation. */
  directives: number;
  /** GraphQL Armor's estimated cost (objects 2, scalars 1, ×1.5 per level, ×`first`). */
  cost: number;
  /** When set, the only root fields this caller may select at all (anonymous callers); others → UNAUTHENTICATED. */
  allowedRootFields?: ReadonlySet<string>;
  /** Why the caller has no identity (e.g. an expired token), answered for a field outside `allowedRootFields`. */
  noIdentityError?: { code: string; message: string };
}

export type QueryLimitName = Exclude<keyof QueryLimits, 'allowedRootFields' | 'noIdentityError'>;

/** The contract code of a refused document. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

const refusal = (limit: QueryLimitName, maximum: number, detail: string) =>
  new GraphQLError(`${detail} The operation was refused before running; ask for less in one request.`, {
    extensions: { code: QUERY_TOO_COMPLEX, limit, maximum, http: { status: 400 } },
  });

/** GraphQL Armor reports "Syntax Error: <what>"; the refusal keeps the what (it names the limit and its value). */
const armorRefusal = (limit: QueryLimitName, maximum: number) => ({
  n: maximum,
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (_context: ValidationContext | null, error: GraphQLError) => {
      throw refusal(limit, maximum, error.message.replace(/^Syntax Error: /, ''));
    },
  ],
});

/** The fields selected at the root of a selection set, through fragments (each fragment once). */
function rootFieldNames(set: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      names.push(...rootFieldNames(selection.selectionSet, context, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) names.push(...rootFieldNames(fragment.selectionSet, context, seen));
    }
  }
  return names;
}

/** Root-field count and, for anonymous callers, which root fields they may use at all (GraphQL Armor has neither). */
const rootFieldsRule =
  (limits: QueryLimits): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const names = rootFieldNames(operation.selectionSet, context);
      const allowed = limits.allowedRootFields;
      const needsLogin = allowed && names.find((n) => n !== '__typename' && !allowed.has(n));
      if (needsLogin) {
        const { code, message } = limits.noIdentityError ?? {
          code: 'UNAUTHENTICATED',
          message: `Log in first: "${needsLogin}" needs a logged-in caller (send "authorization: Bearer <accessToken>").`,
        };
        // HTTP 200 like the same error from a resolver, so clients handle both alike (refresh and retry).
        throw new GraphQLError(message, { extensions: { code, http: { status: 200 } } });
      }
      if (names.length > limits.rootFields)
        throw refusal(
          'rootFields',
          limits.rootFields,
          `Root fields limit of ${limits.rootFields} exceeded, found ${names.length}.`,
        );
    },
  });

function parseWithinTokens(source: string, tokens: number): DocumentNode {
  try {
    return new MaxTokensParserWLexer(source, armorRefusal('tokens', tokens)).parseDocument();
  } catch (e) {
    if (e instanceof GraphQLError && e.extensions.code === QUERY_TOO_COMPLEX) throw e;
    // A syntax error is the client's to fix, like the same error from Apollo Server's own parse.
    throw new GraphQLError(e instanceof Error ? e.message : String(e), {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
}

/**
 * Parses `source` within `limits` and checks it against them (GraphQL Armor's depth, alias, directive and
 * cost rules plus a root-field rule). Throws the first refusal as a GraphQLError (`QUERY_TOO_COMPLEX`,
 * or `UNAUTHENTICATED` for a field an anonymous caller may not use) and syntax errors as BAD_USER_INPUT;
 * returns the parsed document otherwise (full validation against the schema is the caller's next step).
 */
export function checkDocument(schema: GraphQLSchema, source: string, limits: QueryLimits): DocumentNode {
  if (source.length > limits.characters)
    throw refusal(
      'characters',
      limits.characters,
      `Document size limit of ${limits.characters} characters exceeded, found ${source.length}.`,
    );
  const document = parseWithinTokens(source, limits.tokens);
  validate(schema, document, [
    rootFieldsRule(limits),
    maxDepthRule({ ...armorRefusal('depth', limits.depth), ignoreIntrospection: true }),
    maxAliasesRule(armorRefusal('aliases', limits.aliases)),
    maxDirectivesRule(armorRefusal('directives', limits.directives)),
    costLimitRule({ ...armorRefusal('cost', limits.cost), maxCost: limits.cost, ignoreIntrospection: true }),
  ]);
  return document;
}
