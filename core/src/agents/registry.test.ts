import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolRegistry } from './registry.ts';
import { defineTool, type Tool } from './tool.ts';
import { toJson } from './json.ts';
import { approvalReason, DEFAULT_GUARDRAILS, guardrailConfigSchema } from './guardrails.ts';
import type { ModuleDefinition } from '../modules/define.ts';

const tool = (name: string, extra: Partial<Tool> = {}): Tool =>
  defineTool({
    name,
    description: `does ${name}`,
    parameters: z.object({ id: z.string().describe('an id'), limit: z.number().int().default(5) }),
    permissions: ['m.read'],
    category: 'READ',
    handler: async () => null,
    ...extra,
  }) as Tool;
const mod = (name: string, tools: Tool[]) => ({
  name,
  definition: { manifest: { name, version: '1.0.0' }, tools } as ModuleDefinition,
});

describe('ToolRegistry', () => {
  it('namespaces tools by module and lists them sorted', () => {
    const r = new ToolRegistry();
    r.registerModule(mod('m', [tool('zeta'), tool('alpha')]));
    expect(r.list().map((t) => t.name)).toEqual(['m.alpha', 'm.zeta']);
    expect(r.get('m.alpha')).toMatchObject({ module: 'm', functionName: 'm__alpha', category: 'READ' });
    expect(r.get('alpha')).toBeUndefined();
  });

  it('refuses duplicates, prefixed or non-snake names, missing permissions and bad categories — all or nothing', () => {
    const r = new ToolRegistry();
    expect(() => r.registerModule(mod('m', [tool('a'), tool('a')]))).toThrow(/"m.a" is already registered/);
    expect(r.list()).toEqual([]);
    expect(() => r.registerModule(mod('m', [tool('m.a')]))).toThrow(/snake_case/);
    expect(() => r.registerModule(mod('m', [tool('SearchX')]))).toThrow(/snake_case/);
    expect(() => r.registerModule(mod('m', [tool('a', { permissions: [] })]))).toThrow(/no permission/);
    expect(() => r.registerModule(mod('m', [tool('a', { category: 'DELETE' as never })]))).toThrow(/category/);
    expect(() => r.registerModule(mod('m', [tool('a')]), new Set(['other.read']))).toThrow(/"m.read"/);
    r.registerModule(mod('m', [tool('a')]));
    expect(() => r.registerModule(mod('m', [tool('a')]))).toThrow(/already registered \(owner: m\)/);
  });

  it('refuses two tools that would share a function-calling name', () => {
    const r = new ToolRegistry();
    r.registerModule(mod('a__b', [tool('c')]));
    expect(() => r.registerModule(mod('a', [tool('b__c')]))).toThrow(/same function name/);
  });

  it('unregisters a module', () => {
    const r = new ToolRegistry();
    r.registerModule(mod('m', [tool('a')]));
    r.registerModule(mod('n', [tool('a')]));
    r.unregisterModule('m');
    expect(r.list().map((t) => t.name)).toEqual(['n.a']);
    expect(r.modules()).toEqual(['n']);
  });

  it('renders JSON Schema for Anthropic and OpenAI', () => {
    const r = new ToolRegistry();
    r.registerModule(mod('m', [tool('a')]));
    const [a] = r.schemasFor(['m.a'], 'anthropic');
    expect(a).toEqual({
      name: 'm__a',
      description: 'does a',
      input_schema: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'an id' },
          limit: { type: 'integer', default: 5, minimum: expect.any(Number), maximum: expect.any(Number) },
        },
        required: ['id'],
      },
    });
    const [o] = r.schemasFor(undefined, 'openai');
    expect(o).toEqual({
      type: 'function',
      function: { name: 'm__a', description: 'does a', parameters: a.input_schema },
    });
    expect(() => r.schemasFor(['m.b'], 'anthropic')).toThrow(/not registered/);
  });
});

describe('toJson', () => {
  it('normalises results to plain JSON', () => {
    class Entity {
      id = 'x';
      at = new Date('2026-01-02T03:04:05Z');
      hidden = () => 1;
    }
    expect(
      toJson({
        e: new Entity(),
        n: 10n,
        inf: Infinity,
        u: undefined,
        s: new Set([1]),
        m: new Map([[1, 'a']]),
        d: { toJSON: () => '12.50' },
      }),
    ).toEqual({
      e: { id: 'x', at: '2026-01-02T03:04:05.000Z' },
      n: '10',
      inf: null,
      s: [1],
      m: { 1: 'a' },
      d: '12.50',
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJson(cyclic)).toThrow(/cycle/);
    const shared = { a: 1 };
    expect(toJson([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });
});

describe('guardrails', () => {
  it('refuses patterns that could never match', () => {
    expect(guardrailConfigSchema.safeParse({ requireApprovalFor: ['*.delete'] }).success).toBe(false);
    expect(guardrailConfigSchema.safeParse({ blockedTools: ['billing.*', '*', 'patients.get_patient'] }).success).toBe(
      true,
    );
  });

  it('approval rules: DESTRUCTIVE always, WRITE when supervised, configured patterns', () => {
    const cfg = { ...DEFAULT_GUARDRAILS, requireApprovalFor: ['billing.*'] };
    expect(approvalReason('x.y', 'DESTRUCTIVE', 'AUTONOMOUS', DEFAULT_GUARDRAILS)).toMatch(/DESTRUCTIVE/);
    expect(approvalReason('x.y', 'WRITE', 'SUPERVISED', DEFAULT_GUARDRAILS)).toMatch(/SUPERVISED/);
    expect(approvalReason('x.y', 'WRITE', 'AUTONOMOUS', DEFAULT_GUARDRAILS)).toBeNull();
    expect(approvalReason('x.y', 'READ', 'SUPERVISED', DEFAULT_GUARDRAILS)).toBeNull();
    expect(approvalReason('billing.list_invoices', 'READ', 'AUTONOMOUS', cfg)).toMatch(/billing\.\*/);
    expect(approvalReason('billingx.list', 'READ', 'AUTONOMOUS', cfg)).toBeNull();
  });
});
