import type { DocumentNode, ExecutionResult } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Hive Gateway, loaded by name and typed here by what the tests use. Its own type declarations are not
 * imported: they pull in @whatwg-node/fetch's `/// <reference lib="dom" />`, which would retype the whole
 * program (every `Response.json()` becomes `any`, Node's `fetch` stops taking a Buffer body).
 */

export interface HivePlugin {
  onSubgraphExecute?(payload: { subgraphName: string }): void;
  onFetch?(payload: {
    executionRequest?: { subgraphName?: string; context?: unknown };
    options: { body?: unknown };
    endResponse(response: Response): void;
  }): void | ((done: { response: Response }) => void);
  onExecute?(payload: {
    args: { document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null };
    setResultAndStopExecution(result: ExecutionResult): void;
  }): void;
  onExecutionResult?(payload: { result: unknown; context: unknown }): void;
  onResponse?(payload: { request: Request; response: Response }): void;
}

export interface HiveRuntime {
  (req: IncomingMessage, res: ServerResponse): unknown;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface HiveModules {
  createGatewayRuntime(config: {
    supergraph: string;
    unifiedGraphHandler?: unknown;
    transports: Record<string, unknown>;
    logging: false;
    demandControl: { listSize: number; includeExtensionMetadata: boolean; maxCost?: number };
    plugins: () => HivePlugin[];
  }): HiveRuntime;
  /** The Rust query planner's handler (@graphql-hive/router-runtime). */
  unifiedGraphHandler: unknown;
  httpTransport: unknown;
}

let loaded: Promise<HiveModules> | undefined;

/** Names kept out of TypeScript's module resolution (see above). */
const RUNTIME: string = '@graphql-hive/gateway-runtime';
const ROUTER_RUNTIME: string = '@graphql-hive/router-runtime';
const HTTP_TRANSPORT: string = '@graphql-mesh/transport-http';

export function loadHive(): Promise<HiveModules> {
  loaded ??= (async () => {
    // One at a time: Jest's ESM loader fails concurrent imports sharing dependencies ("not in cache").
    const runtime = (await import(RUNTIME)) as Pick<HiveModules, 'createGatewayRuntime'>;
    const router = (await import(ROUTER_RUNTIME)) as Pick<HiveModules, 'unifiedGraphHandler'>;
    const transport = (await import(HTTP_TRANSPORT)) as { default: unknown };
    return {
      createGatewayRuntime: runtime.createGatewayRuntime,
      unifiedGraphHandler: router.unifiedGraphHandler,
      httpTransport: transport.default,
    };
  })();
  return loaded;
}
