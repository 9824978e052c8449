import { print, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import { AuthState } from './context.ts';
import type { Identity, SupergraphQuery } from '../modules/contract.ts';
import { newGatewayContext, type GatewayContext } from './subgraph.ts';
import { DomainError, isContractCode } from '../errors.ts';

/** Runs one operation against the composed supergraph (set by the gateway host of this process). */
export type SupergraphExecutor = (
  query: string,
  variables: Record<string, unknown> | undefined,
  context: GatewayContext,
) => Promise<FormattedExecutionResult>;

export type { SupergraphQuery, TypedDocumentNode } from '../modules/contract.ts';

/** Printed once per document: typed documents are module constants, run many times. */
const printed = new WeakMap<DocumentNode, string>();
function textOf(document: string | DocumentNode): string {
  if (typeof document === 'string') return document;
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** Not a user: event handlers and jobs act for one clinic with every permission of it. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export const systemIdentity = (clinicId: string, moduleName: string): Identity => ({
  userId: SYSTEM_USER_ID,
  email: `${moduleName}@system.dentalpin`,
  clinicId,
  role: 'admin',
  isPlatformAdmin: false,
  grants: ['*'],
});

/**
 * How modules read each other: through the supergraph, never through each other's tables or code.
 * The operation runs in-process with the caller's identity, so tenancy and permissions hold as for
 * any client. It reads committed data: the caller's own open transaction is not visible to it.
 */
export class SupergraphClient {
  private executor: SupergraphExecutor | null = null;
  private readonly attachListeners = new Set<() => void>();

  /** Routes cross-module queries to `executor`; the returned function detaches it (if still attached). */
  attach(executor: SupergraphExecutor): () => void {
    this.executor = executor;
    const listeners = [...this.attachListeners];
    this.attachListeners.clear();
    for (const listener of listeners) listener();
    return () => {
      if (this.executor === executor) this.executor = null;
    };
  }

  /** Whether cross-module queries can run now (a gateway is attached). */
  get attached(): boolean {
    return this.executor !== null;
  }

  /** Calls `listener` once a gateway is attached (at once if one is); the returned function cancels the wait. */
  onceAttached(listener: () => void): () => void {
    if (this.executor) {
      listener();
      return () => undefined;
    }
    this.attachListeners.add(listener);
    return () => this.attachListeners.delete(listener);
  }

  forAuth(auth: AuthState, requestId?: string): SupergraphQuery {
    return async <T>(document: string | DocumentNode, variables?: Record<string, unknown>): Promise<T> => {
      if (!this.executor)
        throw new Error(
          'Cross-module queries need a gateway, and this process has none: it serves a subgraph alone without ' +
            'a gateway URL (DENTALPIN_GATEWAY_URL or `serve --subgraph <m> --gateway-url <url>`), or its gateway stopped.',
        );
      const result = await this.executor(textOf(document), variables, newGatewayContext(auth, requestId));
      const [error] = result.errors ?? [];
      if (error) {
        const code = error.extensions?.code;
        if (typeof code === 'string' && isContractCode(code)) throw new DomainError(code, error.message);
        throw new Error(`Cross-module query failed: ${error.message}`);
      }
      // As a client would see it (and as distributed mode delivers it): in-process execution hands back
      // scalars unserialised (a DateTime as a Date); the round trip makes each the string its scalar defines.
      return JSON.parse(JSON.stringify(result.data ?? null)) as T;
    };
  }

  /** As the clinic's system identity (event handlers, jobs). */
  forClinic(clinicId: string, moduleName: string): SupergraphQuery {
    return this.forAuth(new AuthState(systemIdentity(clinicId, moduleName)));
  }
}
