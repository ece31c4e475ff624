import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { composeServices } from '@apollo/composition';
import { estimateCost } from '../../src/main/cost-estimate.js';
import { buildSubgraph } from '../../src/graphql/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument, CreateAccountDocument } from '../generated/operations.js';
import { BILLING_SDL } from '../federation/billing-subgraph.js';

/**
 * Demand control: the checked-in SDL carries @cost/@listSize (and @tag), composition keeps them for the
 * router, and the subgraph charges the same weights: what the router's estimate refuses, the subgraph refuses.
 */
const SDL = readFileSync('schema/schema.graphql', 'utf8');
const OPTIONS = { defaultListSize: 10 };

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation');
  return op;
}

describe('demand control', () => {
  const composed = composeServices([
    { name: 'vpn-graph', url: 'http://vpn-graph/graphql', typeDefs: parse(SDL) },
    { name: 'billing', url: 'http://billing/graphql', typeDefs: parse(BILLING_SDL) },
  ]);
  // The schema the router computes costs on: the supergraph, with @cost/@listSize as composed.
  const supergraph = buildSchema(composed.supergraphSdl ?? '', { assumeValidSDL: true });

  it('the checked-in SDL carries @cost, @listSize and @tag (fed 2.9) and composes with 0 errors, 0 hints', () => {
    expect(SDL).toContain('federation/v2.9');
    expect(SDL).toContain('): AccountConnection! @cost(weight: 20) @listSize(slicingArguments: ["first", "last"]');
    expect(SDL).toMatch(/status: AccountStatus! @cost\(weight: 5\)/);
    expect(SDL).toMatch(/privateKey: String @tag\(name: "internal"\)/);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.hints ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('@cost(weight: 5)');
    expect(composed.supergraphSdl).toContain('@listSize(slicingArguments: ["first", "last"]');
  });

  it('weights: a hand-computed estimate, variables and defaults resolved, mutation base 10', async () => {
    const { subgraph } = await buildSubgraph();
    const small = parse('{ accounts(first: 2) { edges { node { id status customer { id } } } } }');
    // accounts 20 + edges 2 × (edge 1 + node (account 1 + status 5 + customer 10)) = 54
    expect(estimateCost(subgraph, small, operationOf(small), {}, OPTIONS)).toBe(54);
    const dashboard = AccountDashboardDocument as DocumentNode;
    const at100 = estimateCost(subgraph, dashboard, operationOf(dashboard), {}, OPTIONS); // $first = 100 default
    const at10 = estimateCost(subgraph, dashboard, operationOf(dashboard), { first: 10 }, OPTIONS);
    expect(at100).toBeGreaterThan(at10 * 9);
    const create = CreateAccountDocument as DocumentNode;
    expect(estimateCost(subgraph, create, operationOf(create), {}, OPTIONS)).toBeGreaterThanOrEqual(10 + 20);
  });

  it('the router and the subgraph estimate the same cost for every frontend operation', async () => {
    const { subgraph } = await buildSubgraph();
    for (const file of ['dashboard', 'backoffice', 'lifecycle']) {
      const text = readFileSync(`schema/operations/${file}.graphql`, 'utf8');
      const fragments = readFileSync('schema/operations/fragments.graphql', 'utf8');
      const document = parse(`${text}\n${fragments}`);
      for (const op of document.definitions) {
        if (op.kind !== Kind.OPERATION_DEFINITION) continue;
        const ours = estimateCost(subgraph, document, op, {}, OPTIONS);
        expect([op.name?.value, estimateCost(supergraph, document, op, {}, OPTIONS)]).toEqual([op.name?.value, ours]);
      }
    }
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ MAX_COST: '1000' });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('refuses before any vendor call what the router would refuse; a smaller page runs', async () => {
      const { subgraph } = await buildSubgraph();
      const dashboard = AccountDashboardDocument as DocumentNode;
      const routerEstimate = estimateCost(supergraph, dashboard, operationOf(dashboard), { first: 100 }, OPTIONS);
      expect(routerEstimate).toBeGreaterThan(1000); // a router with max: 1000 rejects it
      expect(estimateCost(subgraph, dashboard, operationOf(dashboard), { first: 100 }, OPTIONS)).toBe(routerEstimate);

      t.resetUpstream();
      const refused = await t.gql(print(dashboard), { first: 100 });
      expect(refused.status).toBe(400);
      expect(refused.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
      expect(refused.errors?.[0]?.message).toContain(
        `cost limit of 1000 exceeded: this operation is estimated at ${routerEstimate}`,
      );
      expect(t.upstream()).toBe(0);

      const ok = await t.gql(print(dashboard), { first: 5 });
      expect(ok.status).toBe(200);
      expect(ok.data).toBeTruthy();
    });
  });
});
