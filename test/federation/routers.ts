import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadHive, type HivePlugin } from './hive.js';
import { BILLING_SDL } from './billing-subgraph.js';
import { routerCachePolicy } from './router-cache.js';
import { routerCostLimit } from './router-cost.js';

/**
 * The three routers a platform team would put in front of vpn-graph, each started in-process on an ephemeral
 * port over the same supergraph: @apollo/gateway (Apollo's JS query planner), Hive Gateway with its JS query
 * planner, and Hive Gateway with the Rust query planner of @graphql-hive/router-runtime (a native addon).
 * Every router counts its fetches per subgraph, and is configured to carry the subgraph's Cache-Control to
 * the client (./router-cache.ts).
 */

export type RouterName = 'apollo-gateway' | 'hive-js' | 'hive-rust';
export const ROUTERS: RouterName[] = ['apollo-gateway', 'hive-js', 'hive-rust'];

export interface Subgraphs {
  vpnGraphUrl: string;
  billingUrl: string;
}

export interface Router {
  name: RouterName;
  url: string;
  /** graphql-ws on the router (Hive Gateway started with `subscriptions`). */
  wsUrl?: string;
  /** Fetches per subgraph since the last reset. */
  fetchesTo: Record<string, number>;
  stop(): Promise<void>;
}

/** Composes vpn-graph's served SDL (`_service { sdl }`) with the billing example; any error or hint throws. */
export async function composeSupergraph({ vpnGraphUrl, billingUrl }: Subgraphs): Promise<string> {
  const res = await fetch(vpnGraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await res.json()) as { data?: { _service: { sdl: string } } };
  const sdl = body.data?._service.sdl;
  if (!sdl) throw new Error(`no _service.sdl from vpn-graph: ${JSON.stringify(body)}`);
  const result = composeServices([
    { name: 'vpn-graph', url: vpnGraphUrl, typeDefs: parse(sdl) },
    { name: 'billing', url: billingUrl, typeDefs: parse(BILLING_SDL) },
  ]);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  if (result.hints?.length) throw new Error(result.hints.map((h) => h.message).join('\n'));
  if (!result.supergraphSdl) throw new Error('composition gave no supergraph');
  return result.supergraphSdl;
}

export interface RouterOptions {
  /**
   * vpn-graph's estimate as the router's cost limit (./router-cost.ts), with MAX_COST and COST_LIST_SIZE.
   * Hive's own demand control runs too, with no maximum, to report its estimate (`extensions.cost`).
   */
  costLimit?: { maxCost: number; listSize: number };
  /** Hive demand control `listSize` (a list with no @listSize and no slicing argument; COST_LIST_SIZE). */
  listSize?: number;
  /**
   * Planning only: fetches to vpn-graph are recorded here and answered `{ data: null }` without reaching it
   * (other subgraphs are fetched for real), so a router's plan and estimate can be read for any operation.
   */
  captureVpnGraph?: CapturedFetch[];
  /**
   * Hive Gateway only: serve graphql-ws on the router's /graphql, and send subscriptions to vpn-graph over
   * graphql-ws (@graphql-mesh/transport-ws on the subgraph's own /graphql), forwarding the client's
   * `connection_init` credential (`authorization` or `x-api-key`) in the subgraph's `connection_init`.
   */
  subscriptions?: boolean;
}

/**
 * vpn-graph's transport entry for subscriptions over graphql-ws: the same URL as HTTP, switched to ws://.
 * The gateway keeps one subgraph socket per distinct credential (its connectionParams), so clients' credentials
 * never share a socket and the subgraph scopes each one as it would a direct client.
 */
export const VPN_GRAPH_SUBSCRIPTIONS = {
  options: {
    subscriptions: {
      kind: 'ws',
      options: {
        // the subgraph socket closes as soon as its last subscription ends (the default waits 3 s, a timer that
        // outlives the gateway's disposal and kept Jest from exiting)
        lazyCloseTimeout: 0,
        connectionParams: {
          authorization: '{context.connectionParams.authorization}',
          'x-api-key': '{context.connectionParams.x-api-key}',
        },
      },
    },
  },
};

export interface CapturedFetch {
  query: string;
  variables?: Record<string, unknown>;
}

const CAPTURED = JSON.stringify({ data: null });

export async function startRouter(
  name: RouterName,
  supergraphSdl: string,
  options: RouterOptions = {},
): Promise<Router> {
  return name === 'apollo-gateway'
    ? startApolloGateway(supergraphSdl, options)
    : startHiveGateway(name, supergraphSdl, options);
}

async function startApolloGateway(supergraphSdl: string, options: RouterOptions): Promise<Router> {
  const fetchesTo: Record<string, number> = {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService({ name, url }) {
      const capture = name === 'vpn-graph' ? options.captureVpnGraph : undefined;
      return new RemoteGraphQLDataSource({
        url,
        ...(capture
          ? {
              fetcher: async (_url: string, init?: { body?: unknown }) => {
                capture.push(JSON.parse(String(init?.body)) as CapturedFetch);
                return new Response(CAPTURED, { headers: { 'content-type': 'application/json' } });
              },
            }
          : {}),
        // The default: the subgraph's Cache-Control restricts the gateway's cache policy (needs the cache
        // control plugin on the gateway's Apollo Server, which is on by default).
        honorSubgraphCacheControlHeader: true,
        willSendRequest({ request }) {
          fetchesTo[name] = (fetchesTo[name] ?? 0) + 1;
          request.http?.headers.set('apollo-require-preflight', 'true');
        },
      });
    },
  });
  const costLimit = options.costLimit && routerCostLimit.apollo({ supergraphSdl, ...options.costLimit });
  const server = new ApolloServer({
    gateway,
    plugins: [routerCachePolicy.apollo(), ...(costLimit ? [costLimit] : [])],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { name: 'apollo-gateway', url, fetchesTo, stop: () => server.stop() };
}

async function startHiveGateway(name: RouterName, supergraphSdl: string, options: RouterOptions): Promise<Router> {
  const fetchesTo: Record<string, number> = {};
  const counter: HivePlugin = {
    onSubgraphExecute({ subgraphName }) {
      fetchesTo[subgraphName] = (fetchesTo[subgraphName] ?? 0) + 1;
    },
  };
  const { createGatewayRuntime, getGraphQLWSOptions, unifiedGraphHandler, httpTransport, wsTransport } =
    await loadHive();
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    // Given, not resolved by name: the runtime's dynamic import of the transport fails under Jest's VM modules.
    transports: { http: httpTransport, ...(options.subscriptions ? { ws: wsTransport } : {}) },
    ...(options.subscriptions ? { transportEntries: { 'vpn-graph': VPN_GRAPH_SUBSCRIPTIONS } } : {}),
    ...(name === 'hive-rust' ? { unifiedGraphHandler } : {}),
    logging: false,
    // Hive's own demand control, with no maximum: it only reports its estimate (`extensions.cost.estimated`).
    demandControl: { listSize: options.listSize ?? options.costLimit?.listSize ?? 0, includeExtensionMetadata: true },
    plugins: () => [
      counter,
      routerCachePolicy.hive(),
      ...(options.costLimit ? [routerCostLimit.hive({ supergraphSdl, ...options.costLimit })] : []),
      ...(options.captureVpnGraph ? [capture(options.captureVpnGraph)] : []),
    ],
  });
  // (the runtime is a request listener that returns a promise; Node ignores it)
  const server: Server = createServer((req, res) => void runtime(req, res));
  // graphql-ws on the same path, executed by the runtime (as the `hive-gateway` CLI serves it).
  const wss = options.subscriptions ? new WebSocketServer({ server, path: runtime.graphqlEndpoint }) : undefined;
  const wsServer =
    wss &&
    useServer(
      {
        ...getGraphQLWSOptions(runtime, (ctx) => ({ req: ctx.extra.request, socket: ctx.extra.socket })),
        // The Rust query planner's results carry plain error objects, which graphql-ws's default serialisation
        // (`error.toJSON()`) fails on ("e.toJSON is not a function" instead of the subgraph's error).
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors && { ...result, errors: result.errors.map((e) => ('toJSON' in e ? e.toJSON() : e)) },
      },
      wss,
    );
  // The supergraph loads on the first HTTP request; a first graphql-ws subscription would find no schema.
  if (wss) await runtime.getSchema();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    ...(wss ? { wsUrl: `ws://127.0.0.1:${port}${runtime.graphqlEndpoint}` } : {}),
    fetchesTo,
    async stop() {
      await wsServer?.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime[Symbol.asyncDispose]();
    },
  };
}

/** Records fetches to vpn-graph and answers them `{ data: null }` without sending them; others go out. */
function capture(into: CapturedFetch[]): HivePlugin {
  return {
    onFetch({ executionRequest, options, endResponse }) {
      if (executionRequest?.subgraphName !== 'vpn-graph') return;
      into.push(JSON.parse(options.body as string) as CapturedFetch);
      endResponse(new Response(CAPTURED, { headers: { 'content-type': 'application/json' } }));
    },
  };
}
