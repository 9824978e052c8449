import { z } from 'zod';
import type { EveryMember, ManifestInput, Role } from './contract.ts';

export type { ManifestInput, Role } from './contract.ts';

const ROLE_LIST = ['admin', 'dentist', 'hygienist', 'assistant', 'receptionist'] as const;
export const ROLES: EveryMember<Role, typeof ROLE_LIST> = ROLE_LIST;
export const PROFESSIONAL_ROLES: readonly Role[] = ['dentist', 'hygienist'];

export const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

export const navigationItemSchema = z.object({
  label: z.string().min(1),
  to: z.string().startsWith('/'),
  icon: z.string().optional(),
  permission: z.string().optional(),
  order: z.number().int().default(999),
});

/** The declarative manifest of a module (DESIGN.md "Module contract"). */
export const manifestSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case (lowercase letters, digits, underscores)'),
  version: z.string().min(1),
  summary: z.string().default(''),
  author: z.string().default(''),
  license: z.string().default(''),
  category: z.enum(['official', 'community']).default('community'),
  minCoreVersion: z.string().optional(),
  depends: z.array(z.string()).default([]),
  installable: z.boolean().default(true),
  autoInstall: z.boolean().default(false),
  removable: z.boolean().default(true),
  /** Reason a module cannot be removed; required when `removable` is false. */
  nonRemovableReason: z.string().optional(),
  dataFiles: z.array(z.string()).default([]),
  rolePermissions: z.record(z.string(), z.array(z.string())).default({}),
  frontend: z.object({ navigation: z.array(navigationItemSchema).default([]) }).default({ navigation: [] }),
});

// The contract's hand-written ManifestInput must stay what the schema accepts (a compile error otherwise).
type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _manifestInputMatchesSchema: SameType<ManifestInput, z.input<typeof manifestSchema>> = true;
export type Manifest = z.output<typeof manifestSchema>;
export type NavigationItem = z.output<typeof navigationItemSchema>;

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

export function parseManifest(input: unknown): Manifest {
  const result = manifestSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ManifestError(`invalid manifest: ${issues.join('; ')}`);
  }
  return result.data;
}
