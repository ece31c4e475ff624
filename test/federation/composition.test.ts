import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { BILLING_SDL } from './billing-subgraph.js';

/** Composes the checked-in vpn-graph SDL with an example billing subgraph; any error or hint fails. */
describe('federation composition', () => {
  const vpnGraph = {
    name: 'vpn-graph',
    url: 'http://vpn-graph/graphql',
    typeDefs: parse(readFileSync('schema/schema.graphql', 'utf8')),
  };
  const billing = { name: 'billing', url: 'http://billing/graphql', typeDefs: parse(BILLING_SDL) };

  it('composes with no errors and no hints', () => {
    const result = composeServices([vpnGraph, billing]);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect((result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
    const supergraph = result.supergraphSdl ?? '';
    expect(supergraph).toContain('invoices: [Invoice!]!');
    expect(supergraph).toMatch(/type Account[^{]*@join__type\(graph: VPN_GRAPH, key: "id"\)/);
  });

  it('fails when a subgraph breaks the contract (sanity check of the check)', () => {
    const broken = {
      ...billing,
      typeDefs: parse(BILLING_SDL.replace('id: ID!\n  "Invoices', 'id: Int!\n  "Invoices')),
    };
    const result = composeServices([vpnGraph, broken]);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  });
});
