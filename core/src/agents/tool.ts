import type { z } from 'zod';
import type { AgentMode, CallStatus, EveryMember, Tool, ToolCategory } from '../modules/contract.ts';

export type {
  AgentMode,
  CallStatus,
  JsonValue,
  Tool,
  ToolCallResult,
  ToolCategory,
  ToolContext,
} from '../modules/contract.ts';

const TOOL_CATEGORY_LIST = ['READ', 'WRITE', 'DESTRUCTIVE'] as const;
export const TOOL_CATEGORIES: EveryMember<ToolCategory, typeof TOOL_CATEGORY_LIST> = TOOL_CATEGORY_LIST;

const AGENT_MODE_LIST = ['SUPERVISED', 'AUTONOMOUS'] as const;
export const AGENT_MODES: EveryMember<AgentMode, typeof AGENT_MODE_LIST> = AGENT_MODE_LIST;

const CALL_STATUS_LIST = ['SUCCESS', 'FAILED', 'BLOCKED', 'PENDING_APPROVAL'] as const;
export const CALL_STATUSES: EveryMember<CallStatus, typeof CALL_STATUS_LIST> = CALL_STATUS_LIST;

/** Where a call came from (recorded in the audit log). */
export type CallChannel = 'graphql' | 'mcp' | 'agent' | 'approval' | 'internal';

/** Identity function that keeps the parameter type flowing into the handler. */
export function defineTool<P extends z.ZodObject>(tool: Tool<P>): Tool<P> {
  return tool;
}
