import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { DocumentNode } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { ManifestInput } from './manifest.ts';
import type { RequestContext } from '../graphql/context.ts';
import type { Logger } from '../logger.ts';

/** What lifecycle hooks receive: the module's own EntityManager (inside a transaction) and a logger. */
export interface ModuleHookContext {
  moduleName: string;
  em: EntityManager;
  logger: Logger;
}

export interface DemoContext extends ModuleHookContext {
  clinicId: string;
  /** The demo users by role (admin, dentist, receptionist). */
  users: Record<string, string>;
}

export type ModuleResolvers = IResolvers<unknown, RequestContext>;

/** Everything a module contributes. Only `manifest` is required. */
export interface ModuleDefinition {
  manifest: ManifestInput;
  /** Module-local permission names (`items.read`); the registry namespaces them (`inventory.items.read`). */
  permissions?: readonly string[];
  entities?: readonly EntitySchema<any, any>[];
  /** This subgraph's SDL (Federation 2, with its own `@link`). */
  typeDefs?: DocumentNode | string;
  resolvers?: ModuleResolvers;
  install?(ctx: ModuleHookContext): Promise<void>;
  uninstall?(ctx: ModuleHookContext): Promise<void>;
  postUpgrade?(ctx: ModuleHookContext, fromVersion: string): Promise<void>;
  /** Demo data for a freshly created demo clinic (`serve --demo`). */
  demo?(ctx: DemoContext): Promise<void>;
  /** Called once each time the module becomes active in a process (no database work). */
  onActivate?(): void;
}

export function defineModule<T extends ModuleDefinition>(definition: T): T {
  return definition;
}
