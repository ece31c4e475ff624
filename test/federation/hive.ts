import type { DocumentNode, ExecutionResult } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from 'graphql-ws';

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
  /** The path it serves GraphQL on (`/graphql`). */
  graphqlEndpoint: string;
  /** Loads the supergraph (otherwise loaded by the first HTTP request). */
  getSchema(): unknown;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface HiveModules {
  createGatewayRuntime(config: {
    supergraph: string;
    unifiedGraphHandler?: unknown;
    transports: Record<string, unknown>;
    /** Per-subgraph transport options, by subgraph name (or `*.http`). */
    transportEntries?: Record<string, { options: Record<string, unknown> }>;
    logging: false;
    demandControl: { listSize: number; includeExtensionMetadata: boolean; maxCost?: number };
    plugins: () => HivePlugin[];
  }): HiveRuntime;
  /** The Rust query planner's handler (@graphql-hive/router-runtime). */
  unifiedGraphHandler: unknown;
  httpTransport: unknown;
  /** @graphql-mesh/transport-ws: subscriptions to a subgraph over graphql-ws. */
  wsTransport: unknown;
  /** graphql-ws server options executing through the runtime (for `graphql-ws/use/ws`'s `useServer`). */
  getGraphQLWSOptions(
    runtime: HiveRuntime,
    onContext: (ctx: { extra: { request: IncomingMessage; socket: unknown } }) => Record<string, unknown>,
  ): ServerOptions;
}

let loaded: Promise<HiveModules> | undefined;

/** Names kept out of TypeScript's module resolution (see above). */
const RUNTIME: string = '@graphql-hive/gateway-runtime';
const ROUTER_RUNTIME: string = '@graphql-hive/router-runtime';
const HTTP_TRANSPORT: string = '@graphql-mesh/transport-http';
const WS_TRANSPORT: string = '@graphql-mesh/transport-ws';

export function loadHive(): Promise<HiveModules> {
  loaded ??= (async () => {
    // One at a time: Jest's ESM loader fails concurrent imports sharing dependencies ("not in cache").
    const runtime = (await import(RUNTIME)) as Pick<HiveModules, 'createGatewayRuntime' | 'getGraphQLWSOptions'>;
    const router = (await import(ROUTER_RUNTIME)) as Pick<HiveModules, 'unifiedGraphHandler'>;
    const transport = (await import(HTTP_TRANSPORT)) as { default: unknown };
    const ws = (await import(WS_TRANSPORT)) as { default: unknown };
    return {
      createGatewayRuntime: runtime.createGatewayRuntime,
      getGraphQLWSOptions: runtime.getGraphQLWSOptions,
      unifiedGraphHandler: router.unifiedGraphHandler,
      httpTransport: transport.default,
      wsTransport: ws.default,
    };
  })();
  return loaded;
}
