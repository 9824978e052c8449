/**
 * A GraphQL enum's names and the stored values they stand for, from a module's generated
 * `enumResolvers` entry (`npm run codegen`). GraphQL converts by itself; this is for the places that
 * speak GraphQL names outside GraphQL — agent tools take and show `PER_TOOTH`, the service stores `per_tooth`.
 */
export function enumNames<const Values extends Record<string, string>>(values: Values) {
  type Name = keyof Values & string;
  type Stored = Values[Name];
  const names = Object.keys(values) as [Name, ...Name[]];
  const byStored = new Map<string, Name>(names.map((name) => [values[name], name]));
  return {
    /** The GraphQL names, for a zod enum of a tool's parameters. */
    names,
    stored: (name: Name): Stored => values[name],
    name: (stored: Stored): Name => {
      const name = byStored.get(stored);
      if (name === undefined) throw new Error(`"${stored}" is not a stored value of this enum.`);
      return name;
    },
  };
}
