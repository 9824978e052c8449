import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Turns the composed supergraph into requests: for every root field, a minimal well-typed document
 * whose arguments come from their types, and the String/ID positions of those arguments (where the
 * edge-case values go). Nothing here knows a module: a new module's fields are covered as they are.
 */

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RootField {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, name: field.name, field })) : [],
  );
}

/** A path into the variables (argument name, then input fields / list indexes) holding a String or an ID. */
export type SlotPath = (string | number)[];
export interface Slot {
  path: SlotPath;
  scalar: 'String' | 'ID';
}

/** Where ids come from: the argument's name and the field's return type say which record is meant. */
export type IdSource = (name: string, field?: RootField) => string;

/** A value of `type` good enough to pass validation: required input fields only, one list element. */
function valueOf(type: GraphQLInputType, name: string, field: RootField, idFor: IdSource): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [valueOf(inner.ofType, name, field, idFor)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = valueOf(f.type, f.name, field, idFor);
    return value;
  }
  return scalarValue(inner.name, name, field, idFor);
}

// Ends of a range (`to`, `endTime`, `until`) come after its start, so range checks pass.
export const RANGE_END = /^(to|until|end.*|.*(To|End|Until))$/;

function scalarValue(scalar: string, name: string, field: RootField, idFor: IdSource): unknown {
  const end = RANGE_END.test(name);
  switch (scalar) {
    case 'ID':
      return idFor(name, field);
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return end ? '2030-01-15T11:00:00Z' : '2030-01-15T10:00:00Z';
    case 'Date':
      return end ? '2030-01-31' : '2030-01-01';
    case 'Decimal':
      return '1.00';
    case 'JSON':
      return {};
    default:
      return stringValue(name);
  }
}

/** Strings whose name says what they hold get a valid one, so that validation does not stop the call first. */
function stringValue(name: string): string {
  if (/email$/i.test(name)) return 'probe@example.test';
  if (/password$/i.test(name)) return 'Probe-password-1';
  if (name === 'role') return 'receptionist';
  if (name === 'timezone') return 'Europe/Madrid';
  if (name === 'currency') return 'EUR';
  return 'x';
}

/**
 * The arguments a call sends: every required one, plus optional top-level String/ID arguments — except a
 * subscription's resume cursor `after` (an id of A's there is not an event id, so the control would be refused
 * instead of listening; replay's own scoping is tested in tests/integration/event-replay.test.ts).
 */
function sentArguments(field: RootField): readonly GraphQLArgument[] {
  return field.field.args.filter(
    (a) =>
      !(field.kind === 'subscription' && a.name === 'after') &&
      ((isNonNullType(a.type) && a.defaultValue === undefined) ||
        ['String', 'ID'].includes(getNullableType(a.type).toString())),
  );
}

export function argumentValues(field: RootField, idFor: IdSource): Record<string, unknown> {
  return Object.fromEntries(sentArguments(field).map((a) => [a.name, valueOf(a.type, a.name, field, idFor)]));
}

/**
 * Every String/ID position of the sent arguments: top-level ones, and inside the input objects that
 * are sent, their required and optional String/ID fields (an optional one is set only in its own case).
 */
export function slots(field: RootField): Slot[] {
  const found: Slot[] = [];
  const visit = (type: GraphQLInputType, path: SlotPath, depth: number) => {
    const inner = getNullableType(type);
    if (isListType(inner)) return visit(inner.ofType, [...path, 0], depth);
    if (isInputObjectType(inner)) {
      if (depth > 3) return;
      for (const f of Object.values(inner.getFields())) {
        const required = isNonNullType(f.type) && f.defaultValue === undefined;
        const leaf = getNamedType(f.type).name;
        if (required || ((leaf === 'String' || leaf === 'ID') && !isListType(getNullableType(f.type))))
          visit(f.type, [...path, f.name], depth + 1);
      }
      return;
    }
    if (inner.toString() === 'String' || inner.toString() === 'ID')
      found.push({ path, scalar: inner.toString() as Slot['scalar'] });
  };
  for (const a of sentArguments(field)) visit(a.type, [a.name], 0);
  return found;
}

/** A copy of `variables` with `value` at `path` (creating the missing object on the way). */
export function withValueAt(variables: Record<string, unknown>, path: SlotPath, value: unknown) {
  const copy = structuredClone(variables);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node[key] ??= typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

/** How much of the answer to select: just `__typename`, top-level scalars, or nested records too. */
export type SelectionDepth = 'typename' | 'scalars' | 'nested';

function fieldsOf(type: GraphQLNamedType) {
  return isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
}

function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const parts = ['__typename'];
  for (const f of fieldsOf(named)) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const leaf = isLeafType(getNamedType(f.type));
    if (leaf) parts.push(f.name);
    else if (depth > 0) parts.push(`${f.name} ${selectionOf(f.type, depth - 1)}`);
  }
  if (isUnionType(named)) return '{ __typename }';
  return `{ ${parts.join(' ')} }`;
}

export function selection(type: GraphQLOutputType, depth: SelectionDepth): string {
  if (depth === 'typename') return isLeafType(getNamedType(type)) ? '' : '{ __typename }';
  return selectionOf(type, depth === 'scalars' ? 0 : 2);
}

/** The document calling `field` once, its arguments as variables (`$<argument>`). */
export function documentFor(field: RootField, depth: SelectionDepth): string {
  const args = sentArguments(field);
  const declared = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${field.kind} Probe${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field.field.type, depth)} }`;
}
