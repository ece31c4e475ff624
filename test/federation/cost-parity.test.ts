import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import {
  Kind,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  print,
  typeFromAST,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { estimateCost } from '../../src/main/cost-estimate.js';
import { buildSubgraph } from '../../src/graphql/schema.js';
import { encodeId } from '../../src/domain/ids.js';
import { ProviderName } from '../../src/providers/modules.js';
import { BILLING_SDL, buildBillingSchema, type BillingState } from './billing-subgraph.js';
import { ROUTERS, startRouter, type CapturedFetch, type Router, type RouterName } from './routers.js';

/**
 * Cost parity: for every shipped operation (schema/operations/) and adversarial ones, the subgraph's own
 * estimate (src/main/cost-estimate.ts, what MAX_COST is compared with) of the operation and of each fetch a router
 * sends it, and the router's demand-control estimate. Hive Gateway (JS and Rust planners) estimates each
 * subgraph fetch with its demand-control plugin and sums them; @apollo/gateway has no demand control (the
 * subgraph is the only limit behind it). The routers plan for real; their fetches to vpn-graph are captured
 * instead of sent, so any operation can be planned without running it. The table is docs/federation.md's
 * (UPDATE_COST_TABLE=1 rewrites it).
 */

const SDL = readFileSync('schema/schema.graphql', 'utf8');
const LIST_SIZE = 10; // COST_LIST_SIZE's default, given to Hive as `demandControl.listSize`
const OPTIONS = { defaultListSize: LIST_SIZE };
const VPN_GRAPH_URL = 'http://vpn-graph.invalid/graphql';

const FRAGMENTS = parse(readFileSync('schema/operations/fragments.graphql', 'utf8'));

/** Shipped operations, each with the fragments it uses (a router refuses unused fragments). */
function shippedOperations(): Array<{ name: string; source: string; document: DocumentNode }> {
  const all: DefinitionNode[] = [];
  for (const file of readdirSync('schema/operations').sort()) {
    all.push(...parse(readFileSync(`schema/operations/${file}`, 'utf8')).definitions);
  }
  const fragments = new Map(
    all.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const out: Array<{ name: string; source: string; document: DocumentNode }> = [];
  for (const op of all) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = new Set<string>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          if (used.has(spread.name.value)) return;
          used.add(spread.name.value);
          const f = fragments.get(spread.name.value);
          if (f) collect(f);
        },
      });
    collect(op);
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [op, ...[...used].map((n) => fragments.get(n)!).filter(Boolean)],
    };
    out.push({ name: op.name?.value ?? '?', source: 'shipped', document });
  }
  return out;
}

const DASHBOARD_ROW = `cursor node { ...AccountSummary customer { id fullName email project { id name } }
  plan { id code name kind } usage { id from to bandwidthBytes connections } }`;

/** Operations written to find where estimates part: aliases, fragments, missing `first`, entity fetches. */
function adversarialOperations(): Array<{ name: string; source: string; document: DocumentNode }> {
  const summary = print(FRAGMENTS.definitions[0]!);
  const ops: Record<string, string> = {
    FiveAliasedDashboards: `query FiveAliasedDashboards { ${[1, 2, 3, 4, 5]
      .map((i) => `d${i}: accounts(first: 100) { totalCount edges { ${DASHBOARD_ROW} } }`)
      .join(' ')} } ${summary}`,
    DashboardInFragments: `query DashboardInFragments { accounts(first: 100) { ...Page } }
      fragment Page on AccountConnection { totalCount edges { ...Row } }
      fragment Row on AccountEdge { ${DASHBOARD_ROW} } ${summary}`,
    DashboardInlineFragments: `query DashboardInlineFragments { accounts(first: 100) { edges { node {
      ... on Account { id status customer { id fullName } usage { bandwidthBytes } } } } } }`,
    AccountsWithoutFirst: `query AccountsWithoutFirst { accounts { edges { node { id status customer { id fullName }
      usage { bandwidthBytes } } } } }`,
    AccountsFirstAndLast: `query AccountsFirstAndLast { accounts(first: 50, last: 50) { edges { node { id status } } } }`,
    InvoiceAccounts: `query InvoiceAccounts { recentInvoices { id account { id username status plan { code } } } }`,
  };
  return Object.entries(ops).map(([name, text]) => ({ name, source: 'adversarial', document: parse(text) }));
}

/** A value for every required variable (the routers validate variables before planning). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) out[f.name] = sampleValue(f.type);
    return out;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return 1;
    if (type.name === 'Float') return 1;
    if (type.name === 'Boolean') return true;
    if (type.name === 'ID') return encodeId('Account', ProviderName.WLVPN, '1');
    if (type.name === 'EmailAddress') return 'a@example.com';
    if (type.name === 'DateTime') return '2026-01-01T00:00:00.000Z';
    if (type.name === 'JSONObject') return {};
    return 'x';
  }
  return 'x';
}

function variablesFor(schema: GraphQLSchema, op: OperationDefinitionNode): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const v of op.variableDefinitions ?? []) {
    if (v.type.kind !== Kind.NON_NULL_TYPE || v.defaultValue) continue;
    const type = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
    if (type) vars[v.variable.name.value] = sampleValue(type);
  }
  return vars;
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation');
  return op;
}

interface RouterEstimate {
  /** The router's demand-control estimate (undefined: it has none). */
  router?: number;
  /** The subgraph's estimate of each fetch the router sent it. */
  fetches: number[];
  errors: string[];
}

interface Row {
  name: string;
  source: string;
  /** The subgraph's estimate of the operation sent to it directly. */
  direct: number;
  /** vpn-graph's estimator on the supergraph: the router's limit with ./router-cost.ts. */
  supergraph: number;
  routers: Partial<Record<RouterName, RouterEstimate>>;
}

describe('cost parity: the subgraph and the routers', () => {
  let billing: ApolloServer;
  let subgraph: GraphQLSchema;
  let supergraph: GraphQLSchema;
  const rows: Row[] = [];
  const billingState: BillingState = {
    accountIds: Array.from({ length: 100 }, (_, i) => encodeId('Account', ProviderName.WLVPN, String(1000 + i))),
    entityBatches: [],
  };

  beforeAll(async () => {
    billing = new ApolloServer({ schema: buildBillingSchema(billingState) });
    const { url: billingUrl } = await startStandaloneServer(billing, { listen: { port: 0, host: '127.0.0.1' } });
    const composed = composeServices([
      { name: 'vpn-graph', url: VPN_GRAPH_URL, typeDefs: parse(SDL) },
      { name: 'billing', url: billingUrl, typeDefs: parse(BILLING_SDL) },
    ]);
    if (!composed.supergraphSdl) throw new Error(String(composed.errors));
    supergraph = buildSchema(composed.supergraphSdl, { assumeValidSDL: true });
    ({ subgraph } = await buildSubgraph());
    const operations = [...shippedOperations(), ...adversarialOperations()];
    for (const { name, source, document } of operations) {
      const op = operationOf(document);
      const vars = variablesFor(supergraph, op);
      rows.push({
        name,
        source,
        direct: estimateCost(subgraph, document, op, vars, OPTIONS),
        supergraph: estimateCost(supergraph, document, op, vars, OPTIONS),
        routers: {},
      });
    }
    for (const routerName of ROUTERS) {
      const captured: CapturedFetch[] = [];
      // Hive's own demand control with no maximum (it reports its estimate); nothing refuses here.
      const router: Router = await startRouter(routerName, composed.supergraphSdl, {
        listSize: LIST_SIZE,
        captureVpnGraph: captured,
      });
      try {
        for (const [i, { document }] of operations.entries()) {
          captured.length = 0;
          const op = operationOf(document);
          const res = await fetch(router.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
            body: JSON.stringify({ query: print(document), variables: variablesFor(supergraph, op) }),
          });
          const body = (await res.json()) as {
            errors?: Array<{ message: string }>;
            extensions?: { cost?: { estimated?: number } };
          };
          const fetches = captured.map((f) => {
            const doc = parse(f.query);
            return estimateCost(subgraph, doc, operationOf(doc), f.variables ?? {}, OPTIONS);
          });
          rows[i]!.routers[routerName] = {
            router: body.extensions?.cost?.estimated,
            fetches,
            errors: captured.length === 0 ? (body.errors ?? []).map((e) => e.message) : [],
          };
        }
      } finally {
        await router.stop();
      }
    }
  }, 120_000);

  afterAll(async () => {
    await billing?.stop();
  });

  const maxFetch = (r: RouterEstimate | undefined) => Math.max(0, ...(r?.fetches ?? []));

  it('plans every operation on every router (one vpn-graph fetch each, but for an operation with none)', () => {
    expect(rows.length).toBeGreaterThan(45);
    for (const row of rows) {
      for (const routerName of ROUTERS) {
        const r = row.routers[routerName];
        expect([row.name, routerName, r?.errors]).toEqual([row.name, routerName, []]);
        if (row.name !== 'Trivial') expect([row.name, r?.fetches.length]).toEqual([row.name, 1]);
      }
    }
  });

  it("with vpn-graph's estimator in the router, no fetch of an accepted operation is refused by the subgraph", () => {
    // At any limit L: the router accepts when supergraph ≤ L; then every fetch the subgraph gets is ≤ L.
    const refusedBehindRouter = rows.flatMap((row) =>
      ROUTERS.filter((r) => maxFetch(row.routers[r]) > row.supergraph).map((r) => `${row.name} on ${r}`),
    );
    expect(refusedBehindRouter).toEqual([]);
    // and it is the subgraph's own estimate of the operation (the subgraph does not know billing's fields).
    expect(rows.filter((row) => row.supergraph !== row.direct).map((row) => row.name)).toEqual(['InvoiceAccounts']);
  });

  it("Hive's own demand control undercounts: the cases and the version", () => {
    const under = (routerName: RouterName) =>
      rows
        .filter((row) => (row.routers[routerName]?.router ?? 0) < maxFetch(row.routers[routerName]))
        .map((r) => r.name);
    // A missing slicing argument counts 1 (not @listSize's assumedSize, nor the argument's default).
    expect(under('hive-js')).toEqual(expect.arrayContaining(['BackofficeAccounts', 'AccountsWithoutFirst']));
    expect(under('hive-rust')).toEqual(expect.arrayContaining(['BackofficeAccounts', 'AccountsWithoutFirst']));
    // A mutation's base cost (10) is never added.
    expect(under('hive-js')).toEqual(expect.arrayContaining(['CreateAccount', 'CreateApiKey']));
    // Fields in a named fragment are not multiplied by the list they are spread in (JS: the client's fragments
    // reach the fetch; Rust: its planner writes its own fragments, e.g. for five aliased dashboards).
    expect(under('hive-js')).toEqual(expect.arrayContaining(['DashboardInFragments', 'FiveAliasedDashboards']));
    expect(under('hive-rust')).toEqual(expect.arrayContaining(['FiveAliasedDashboards']));
  });

  it('prints the table (docs/federation.md)', () => {
    const hive = (r: RouterEstimate | undefined) =>
      r?.router === undefined ? '–' : `${r.router}${r.router < maxFetch(r) ? ' ✗' : ''}`;
    const fetches = (r: RouterEstimate | undefined) => (r?.fetches.length ? r.fetches.join(' + ') : '–');
    const lines = [
      '| operation | subgraph, direct | router limit (vpn-graph estimator, supergraph) | subgraph on the fetch: @apollo/gateway | Hive JS | Hive Rust | Hive `demandControl`: JS | Rust |',
      '| --- | --: | --: | --: | --: | --: | --: | --: |',
      ...rows
        .map((row) =>
          [
            row.source === 'adversarial' ? `_${row.name}_` : row.name,
            row.direct,
            row.supergraph,
            fetches(row.routers['apollo-gateway']),
            fetches(row.routers['hive-js']),
            fetches(row.routers['hive-rust']),
            hive(row.routers['hive-js']),
            hive(row.routers['hive-rust']),
          ].join(' | '),
        )
        .map((line) => `| ${line} |`),
    ];
    const table = lines.join('\n');
    process.stdout.write(`${table}\n`);
    const start = '<!-- cost-parity:start -->';
    const end = '<!-- cost-parity:end -->';
    if (process.env.UPDATE_COST_TABLE) {
      const doc = readFileSync('docs/federation.md', 'utf8');
      writeFileSync(
        'docs/federation.md',
        `${doc.split(start)[0]}${start}\n\n${table}\n\n${end}${doc.split(end)[1] ?? '\n'}`,
      ); // then prettier --write docs/federation.md
    }
    // Compared as Prettier leaves it: padding and the length of the alignment dashes do not count.
    const normalize = (text: string) => text.trim().replace(/ +/g, '').replace(/-+/g, '-');
    const doc = readFileSync('docs/federation.md', 'utf8');
    expect(doc.includes(start) && doc.includes(end)).toBe(true);
    expect(normalize(doc.split(start)[1]!.split(end)[0]!)).toBe(normalize(table));
  });
});
