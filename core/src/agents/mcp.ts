import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CORE_VERSION } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { AuthState } from '../graphql/context.ts';
import { logger } from '../logger.ts';
import { platformLimits } from '../limits.ts';
import type { AgentService } from './service.ts';
import { AGENT_MODES, type AgentMode, type ToolCallResult } from './tool.ts';

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The request header that asks for SUPERVISED mode (every WRITE waits for approval); default AUTONOMOUS. */
export const MCP_MODE_HEADER = 'x-agent-mode';

const INSTRUCTIONS =
  'DentalPin practice-management tools for one clinic (the x-clinic-id of the connection), with the permissions ' +
  'of the logged-in user. DESTRUCTIVE tools, and WRITE tools in SUPERVISED mode, do not run at once: the call ' +
  'returns an approval id and runs when a supervisor approves it in DentalPin.';

/** Whether `value` nests arrays and objects deeper than `maximum` (iterative: any depth is safe to measure). */
function nestedDeeperThan(value: unknown, maximum: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth >= maximum) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * What one MCP request may ask (DENTALPIN_MCP_MAX_*): messages in a batch, JSON nesting, characters of a tool
 * call's arguments. Returns why the body is refused, or null.
 */
function oversizedRequest(body: unknown): string | null {
  const { mcp } = platformLimits();
  const messages = Array.isArray(body) ? body : [body];
  if (messages.length > mcp.batch)
    return `A request may carry at most ${mcp.batch} JSON-RPC messages (DENTALPIN_MCP_MAX_BATCH); it has ${messages.length}.`;
  if (nestedDeeperThan(body, mcp.jsonDepth))
    return `The request nests JSON deeper than ${mcp.jsonDepth} levels (DENTALPIN_MCP_MAX_JSON_DEPTH).`;
  for (const message of messages) {
    const args = (message as { method?: unknown; params?: { arguments?: unknown } } | null)?.params?.arguments;
    const size = args === undefined ? 0 : JSON.stringify(args).length;
    if (size > mcp.argumentCharacters)
      return `A tool call's arguments may have at most ${mcp.argumentCharacters} characters of JSON (DENTALPIN_MCP_MAX_ARGUMENT_CHARACTERS); these have ${size}.`;
  }
  return null;
}

function textOf(r: ToolCallResult): string {
  switch (r.status) {
    case 'SUCCESS':
      return JSON.stringify(r.result);
    case 'PENDING_APPROVAL':
      return `Not executed yet: ${r.error} Approval request id: ${r.approvalId}.`;
    default:
      return `${r.status}${r.errorCode ? ` (${r.errorCode})` : ''}: ${r.error}`;
  }
}

/**
 * Streamable-HTTP MCP endpoint (stateless: one server per POST), authenticated like GraphQL
 * (`authorization: Bearer …`, `x-clinic-id`). Lists the tools the caller may use and calls them
 * through the same chokepoint, so guardrails, approvals and audit apply unchanged.
 */
export function mcpHandler(deps: {
  agents: AgentService;
  authenticate(authorization: string | undefined, clinicId: string | undefined): Promise<AuthState>;
}) {
  return async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    const reply = (
      status: number,
      message: string,
      code: number,
      headers: Record<string, string> = {},
      data?: Record<string, unknown>,
    ) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message, ...(data ? { data } : {}) }, id: null }));
    };
    if (req.method !== 'POST')
      return reply(405, 'This MCP endpoint is stateless: POST JSON-RPC messages to it.', -32000, { allow: 'POST' });
    // Bounded before authentication and before the SDK validates anything: refusing costs one walk of the body.
    const oversized = oversizedRequest(req.body);
    if (oversized) return reply(400, oversized, -32600, {}, { code: 'QUERY_TOO_COMPLEX' });
    const auth = await deps.authenticate(header(req.headers.authorization), header(req.headers['x-clinic-id']));
    const identity = auth.identity;
    if (!identity)
      return reply(401, auth.failure?.message ?? 'Log in first: send "authorization: Bearer <accessToken>".', -32001, {
        'www-authenticate': 'Bearer',
      });
    const requestedMode = header(req.headers[MCP_MODE_HEADER])?.toUpperCase();
    if (requestedMode && !(AGENT_MODES as readonly string[]).includes(requestedMode))
      return reply(400, `${MCP_MODE_HEADER} must be SUPERVISED or AUTONOMOUS.`, -32602);
    const mode = (requestedMode as AgentMode | undefined) ?? 'AUTONOMOUS';

    const server = new Server(
      { name: 'dentalpin', version: CORE_VERSION },
      { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: deps.agents.toolsFor(identity).map((t) => ({
        name: t.name,
        description: t.tool.description,
        inputSchema: t.inputSchema as { type: 'object'; [k: string]: unknown },
        annotations: {
          readOnlyHint: t.category === 'READ',
          destructiveHint: t.category === 'DESTRUCTIVE',
          openWorldHint: false,
        },
      })),
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
      try {
        const result = await deps.agents.call(
          { identity, channel: 'mcp' },
          request.params.name,
          request.params.arguments ?? {},
          mode,
        );
        return {
          content: [{ type: 'text', text: textOf(result) }],
          structuredContent: { ...result },
          isError: result.status === 'FAILED' || result.status === 'BLOCKED',
        };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return { content: [{ type: 'text', text: `${e.code}: ${e.message}` }], isError: true };
      }
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      transport.close().catch(() => undefined);
      server.close().catch(() => undefined);
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (e) {
      logger.error(`MCP request failed: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) reply(500, 'Internal server error.', -32603);
    }
  };
}
