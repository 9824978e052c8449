import { DomainError } from '../errors.ts';

/**
 * A stored enum (lower snake_case in PostgreSQL) and its GraphQL enum (UPPER_CASE). `resolvers` is the
 * GraphQL enum's value map: put it in the module's resolvers under the enum's name
 * (`PatientStatus: patientStatus.resolvers`) and resolvers read and return stored values, never converting case.
 */
export interface GraphQLEnumMapping<S extends string> {
  readonly values: readonly S[];
  /** `in_treatment` → `IN_TREATMENT` (for tool results and messages, which GraphQL does not serialise). */
  toGraphQL(value: S): Uppercase<S>;
  /** `IN_TREATMENT` (or `in_treatment`) → `in_treatment`; BAD_USER_INPUT for anything else. */
  fromGraphQL(value: string): S;
  /** GraphQL value → stored value, as graphql-js enum resolvers take it. */
  readonly resolvers: Readonly<Record<Uppercase<S>, S>>;
}

/** The GraphQL mapping of a stored enum; `label` names it in errors ("is not a patient status"). */
export function graphqlEnum<const S extends string>(values: readonly S[], label: string): GraphQLEnumMapping<S> {
  const toGraphQL = (value: S) => value.toUpperCase() as Uppercase<S>;
  return {
    values,
    toGraphQL,
    fromGraphQL(value: string): S {
      const stored = value.toLowerCase() as S;
      if (!values.includes(stored)) throw new DomainError('BAD_USER_INPUT', `"${value}" is not ${label}.`);
      return stored;
    },
    resolvers: Object.fromEntries(values.map((v) => [toGraphQL(v), v])) as Record<Uppercase<S>, S>,
  };
}

export interface StatusMachineDefinition<S extends string> {
  /** What has the status, for messages: `appointment` → "An appointment cannot go from …", "The appointment is already …". */
  subject: string;
  states: readonly S[];
  /** Every allowed move; a state with none is final. */
  transitions: Readonly<Record<S, readonly S[]>>;
  /**
   * Other wording for the refusals (given GraphQL values), for a module whose clients already read its own;
   * the default is "The appointment is already X." and "An appointment cannot go from X to Y; allowed: …".
   */
  messages?: {
    alreadyIn?(state: string): string;
    refused?(from: string, to: string, allowed: readonly string[]): string;
  };
}

export interface StatusMachine<S extends string> extends GraphQLEnumMapping<S> {
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  /** Whether `from → to` is allowed. */
  can(from: S, to: S): boolean;
  /** The states `from` may move to, as GraphQL shows them (the web offers only these). */
  allowedFrom(from: S): Uppercase<S>[];
  isFinal(state: S): boolean;
  /** Throws ALREADY_IN_STATE (`from === to`, unless listed) or INVALID_TRANSITION (with from, to and allowed) for a refused move. */
  assertTransition(from: S, to: S): void;
}

const indefinite = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`;

/**
 * THE table of a status: every change (API, agent tools, jobs, web) is checked against it. Rules beyond the
 * table (an IN_TREATMENT appointment needs a cabinet) stay in the service, after `assertTransition`.
 */
export function defineStatusMachine<const S extends string>(definition: StatusMachineDefinition<S>): StatusMachine<S> {
  const { subject, states, transitions, messages } = definition;
  const mapping = graphqlEnum(states, `${indefinite(subject).toLowerCase()} status`);
  const allowedFrom = (from: S) => transitions[from].map(mapping.toGraphQL);
  const isFinal = (state: S) => transitions[state].length === 0;
  return {
    ...mapping,
    transitions,
    can: (from, to) => transitions[from].includes(to),
    allowedFrom,
    isFinal,
    assertTransition(from, to) {
      const [f, t] = [mapping.toGraphQL(from), mapping.toGraphQL(to)];
      // A state may list itself (a retried message stays QUEUED); otherwise staying put is refused as such.
      if (from === to && !transitions[from].includes(to))
        throw new DomainError('ALREADY_IN_STATE', messages?.alreadyIn?.(t) ?? `The ${subject} is already ${t}.`);
      if (!transitions[from].includes(to)) {
        const allowed = allowedFrom(from);
        throw new DomainError(
          'INVALID_TRANSITION',
          messages?.refused?.(f, t, allowed) ??
            `${indefinite(subject)} cannot go from ${f} to ${t}${
              isFinal(from) ? ` (${f} is final)` : `; allowed: ${allowed.join(', ')}`
            }.`,
          { from: f, to: t, allowed },
        );
      }
    },
  };
}
