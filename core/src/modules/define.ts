import type { ModuleDefinition } from './contract.ts';
import { registerErrorCodes } from '../errors.ts';

export type {
  DemoContext,
  ModuleDefinition,
  ModuleDocument,
  RenderedDocument,
  ModuleHookContext,
  ModuleHttpContext,
  ModuleResolvers,
  ModuleSubscription,
  SubscriptionSetupContext,
} from './contract.ts';

export function defineModule<T extends ModuleDefinition>(definition: T): T {
  // Registered on import, so every process that loads the module (gateway included) knows its codes.
  if (definition.errorCodes) registerErrorCodes(definition.manifest.name, definition.errorCodes);
  return definition;
}
