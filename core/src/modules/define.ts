import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { DocumentNode } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { ManifestInput } from './manifest.ts';
import type { RequestContext } from '../graphql/context.ts';
import type { Logger } from '../logger.ts';
import type { Tool } from '../agents/tool.ts';
import type { BaseAgent } from '../agents/agent.ts';

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
  /** Actions exposed to AI agents (and MCP clients); published as `<module>.<tool.name>`. */
  tools?: readonly Tool[];
  /**
   * GraphQL Mutation fields deliberately without a tool, with the reason
   * (`{ archivePatient: 'archiving is a human decision' }`); the contract test reads it.
   */
  toolExemptions?: Readonly<Record<string, string>>;
  /** Agents this module ships (instances of BaseAgent subclasses). */
  agents?: readonly BaseAgent[];
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
