export { defineTool, TOOL_CATEGORIES, AGENT_MODES, CALL_STATUSES } from './tool.ts';
export type {
  Tool,
  ToolCategory,
  AgentMode,
  CallStatus,
  CallChannel,
  ToolContext,
  ToolCallResult,
  JsonValue,
} from './tool.ts';
export { ToolRegistry, ToolRegistryError, jsonSchemaOf } from './registry.ts';
export type { RegisteredTool, SchemaDialect, AnthropicToolSchema, OpenAiToolSchema } from './registry.ts';
export { AgentService, type CallContext, type ApprovalView, type AuditEntry, type ApprovalStatus } from './service.ts';
export { BaseAgent, AgentCatalog, AgentRunner } from './agent.ts';
export type {
  AgentPlan,
  AgentPlanner,
  PlannedToolCall,
  PlanningContext,
  AgentStep,
  AgentRunResult,
  AgentSessionView,
  RegisteredAgent,
} from './agent.ts';
export { guardrailConfigSchema, DEFAULT_GUARDRAILS, type GuardrailConfig } from './guardrails.ts';
export { toJson } from './json.ts';
