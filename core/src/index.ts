/** The public API of @dentalpin/core for module authors. */
export {
  defineModule,
  type ModuleDefinition,
  type ModuleHookContext,
  type DemoContext,
  type ModuleResolvers,
} from './modules/define.ts';
export type { ManifestInput, Manifest, NavigationItem, Role } from './modules/manifest.ts';
export { ROLES } from './modules/manifest.ts';
export type { RequestContext, Identity } from './graphql/context.ts';
export { AuthState } from './graphql/context.ts';
export { DomainError, notFound, forbidden, badInput, type ErrorCode } from './errors.ts';
export { parseInput } from './validation.ts';
export {
  defineTool,
  BaseAgent,
  type Tool,
  type ToolCategory,
  type ToolContext,
  type ToolCallResult,
  type AgentMode,
  type AgentPlan,
  type AgentPlanner,
  type PlanningContext,
  type PlannedToolCall,
  type JsonValue,
} from './agents/index.ts';
export { loadTypeDefs } from './graphql/load.ts';
export { Migration } from '@mikro-orm/migrations';
export { defineEntity, type InferEntity, type FilterQuery } from '@mikro-orm/core';
export type { EntityManager } from '@mikro-orm/postgresql';
