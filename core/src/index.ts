/** The public API of @dentalpin/core for module authors. */
export {
  defineModule,
  type ModuleDefinition,
  type ModuleHookContext,
  type ModuleHttpContext,
  type DemoContext,
  type ModuleDocument,
  type RenderedDocument,
  type ModuleResolvers,
  type ModuleSubscription,
  type SubscriptionSetupContext,
} from './modules/define.ts';
export { authorize, eachClinic, forClinic, withEm, type ServiceContext } from './modules/service-context.ts';
export { defineStatusMachine, graphqlEnum, type StatusMachine, type GraphQLEnumMapping } from './modules/status.ts';
export { inOrder, groupedBy } from './graphql/batch.ts';
export { pgErrorCode, retryingDeadlocks } from './db/pg-error.ts';
export { publish, eventPayload, type DomainEvent, type EventDeclaration } from './events/catalog.ts';
export type { EventHandler, EventHandlerContext } from './events/relay.ts';
export { lookup, type LookupRef } from '@dentalpin/gateway';
export type { ManifestInput, Manifest, NavigationItem, Role } from './modules/manifest.ts';
export { ROLES } from './modules/manifest.ts';
export type { RequestContext, Identity } from './graphql/context.ts';
export { AuthState } from './graphql/context.ts';
export { DomainError, notFound, forbidden, badInput, type ErrorCode, type ContractCode } from './errors.ts';
export { parseInput, isUuid, uuid, uuidArg, isoDate, calendarDateProblem } from './validation.ts';
export { hasPermission } from './auth/rbac.ts';
export { pageSizeSchema, pageSizeArgument } from './limits.ts';
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
export { timestamps, uuidPrimaryKey } from './entities/index.ts';
export { defineEntity, LockMode, raw, type InferEntity, type FilterQuery } from '@mikro-orm/core';
export type { EntityManager } from '@mikro-orm/postgresql';
export { readInParallel } from './db/parallel.ts';
export { readPage, readRows, type ReadRowsOptions } from './db/reads.ts';
export {
  clinicTimezone,
  parseClinicDateTime,
  parseClinicInterval,
  clinicDayRange,
  localDate,
  localDateTime,
  localWeekday,
  localToday,
  addDays,
} from './time.ts';
export { activeProfessionalIds, clinicInfo, requireProfessional, type ClinicInfo } from './clinics.ts';
export type { SupergraphQuery, TypedDocumentNode } from './graphql/supergraph-client.ts';
export type { ModuleJob, JobContext } from './jobs/runner.ts';
export { WallClockDateTime } from './graphql/scalars.ts';
export { enumNames } from './graphql/enum-names.ts';
export { config, type Config } from './config.ts';
export { Money, ZERO, money, roundCents, cents, sumMoney, type MoneyValue } from './money.ts';
export {
  documentLocale,
  documentText,
  renderFinancialDocument,
  type DocumentLine,
  type DocumentLocale,
  type FinancialDocument,
  type VatRow,
} from './documents/pdf.ts';
export { pdfFileName, pdfRoute, sendPdf } from './documents/http.ts';
