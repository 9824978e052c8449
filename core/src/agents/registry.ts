import { z } from 'zod';
import type { DiscoveredModule } from '../modules/discovery.ts';
import { TOOL_CATEGORIES, type JsonValue, type Tool, type ToolCategory } from './tool.ts';
import type { AnthropicToolSchema, OpenAiToolSchema, SchemaDialect } from '../modules/contract.ts';

export type { AnthropicToolSchema, OpenAiToolSchema, SchemaDialect } from '../modules/contract.ts';

export class ToolRegistryError extends Error {}

/** A tool as published: qualified name and owning module. */
export interface RegisteredTool {
  /** `<module>.<tool>` */
  name: string;
  module: string;
  /**
   * The name used in Anthropic/OpenAI function calling, whose names allow no dots:
   * `patients__search_patients`. `ToolRegistry.resolve` maps it back.
   */
  functionName: string;
  tool: Tool;
  category: ToolCategory;
  /** JSON Schema (draft 2020-12) of the arguments, rendered once at registration. */
  inputSchema: Record<string, JsonValue>;
}

const LOCAL_NAME = /^[a-z][a-z0-9_]*$/;

/** What a model sees: the input side of the schema (defaults make fields optional), no `$schema` noise. */
export function jsonSchemaOf(parameters: z.ZodObject): Record<string, JsonValue> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(parameters, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, JsonValue>;
  return schema;
}

/**
 * The tools of the active modules, by qualified name. Only the platform registers tools: those of
 * a module that becomes active, and it drops them again when the module is disabled or uninstalled.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly byModule = new Map<string, string[]>();

  /**
   * Registers every tool of `module`; all or nothing (a bad tool refuses the module's whole set).
   * With `knownPermissions`, a tool requiring a permission nobody declares is refused too.
   */
  registerModule(
    module: Pick<DiscoveredModule, 'name' | 'definition'>,
    knownPermissions?: ReadonlySet<string>,
  ): RegisteredTool[] {
    const tools = module.definition.tools ?? [];
    const prepared: RegisteredTool[] = [];
    for (const tool of tools) {
      const name = `${module.name}.${tool.name}`;
      if (!LOCAL_NAME.test(tool.name))
        throw new ToolRegistryError(
          `Tool "${name}": the name must be snake_case and must not carry the module prefix.`,
        );
      const owner = this.tools.get(name)?.module ?? (prepared.some((p) => p.name === name) ? module.name : null);
      if (owner) throw new ToolRegistryError(`Tool "${name}" is already registered (owner: ${owner}).`);
      if (!(TOOL_CATEGORIES as readonly string[]).includes(tool.category))
        throw new ToolRegistryError(`Tool "${name}": category must be one of ${TOOL_CATEGORIES.join(', ')}.`);
      if (!tool.permissions.length)
        throw new ToolRegistryError(`Tool "${name}" declares no permission; every tool needs at least one.`);
      const unknown = knownPermissions && tool.permissions.find((p) => !knownPermissions.has(p));
      if (unknown)
        throw new ToolRegistryError(`Tool "${name}" requires "${unknown}", which no active module declares.`);
      if (!(tool.parameters instanceof z.ZodObject))
        throw new ToolRegistryError(`Tool "${name}": parameters must be a zod object schema.`);
      if (!tool.description.trim()) throw new ToolRegistryError(`Tool "${name}" has no description.`);
      const functionName = `${module.name}__${tool.name}`;
      const clash = this.list().find((t) => t.functionName === functionName);
      if (clash) throw new ToolRegistryError(`Tool "${name}" has the same function name as "${clash.name}".`);
      prepared.push({
        name,
        module: module.name,
        functionName,
        tool: tool as Tool,
        category: tool.category,
        inputSchema: jsonSchemaOf(tool.parameters),
      });
    }
    for (const p of prepared) this.tools.set(p.name, p);
    this.byModule.set(module.name, [...(this.byModule.get(module.name) ?? []), ...prepared.map((p) => p.name)]);
    return prepared;
  }

  unregisterModule(moduleName: string): void {
    for (const name of this.byModule.get(moduleName) ?? []) this.tools.delete(name);
    this.byModule.delete(moduleName);
  }

  modules(): string[] {
    return [...this.byModule.keys()];
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** A tool by qualified name or by function-calling name (what a model answers with). */
  resolve(name: string): RegisteredTool | undefined {
    return this.tools.get(name) ?? this.list().find((t) => t.functionName === name);
  }

  /** Every registered tool, sorted by name. */
  list(): RegisteredTool[] {
    return [...this.tools.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Function-calling schemas for `names` (all registered when omitted); an unknown name throws. */
  schemasFor(names: readonly string[] | undefined, dialect: 'anthropic'): AnthropicToolSchema[];
  schemasFor(names: readonly string[] | undefined, dialect: 'openai'): OpenAiToolSchema[];
  schemasFor(names: readonly string[] | undefined, dialect: SchemaDialect): AnthropicToolSchema[] | OpenAiToolSchema[];
  schemasFor(names: readonly string[] | undefined, dialect: SchemaDialect) {
    const tools = (names ?? this.list().map((t) => t.name)).map((n) => {
      const t = this.tools.get(n);
      if (!t) throw new ToolRegistryError(`Tool "${n}" is not registered.`);
      return t;
    });
    if (dialect === 'anthropic')
      return tools.map((t) => ({ name: t.functionName, description: t.tool.description, input_schema: t.inputSchema }));
    return tools.map((t) => ({
      type: 'function' as const,
      function: { name: t.functionName, description: t.tool.description, parameters: t.inputSchema },
    }));
  }
}
