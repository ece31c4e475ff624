import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * A small example subgraph (kept for tests only): billing adds `invoices` to Account by @key and references
 * Customer. It shows how another team extends vpn-graph's entities in a supergraph.
 */
export const BILLING_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Account @key(fields: "id") {
  id: ID!
  "Invoices billed for this VPN account."
  invoices: [Invoice!]!
}

type Customer @key(fields: "id", resolvable: false) {
  id: ID!
}

"An invoice line."
type Invoice {
  id: ID!
  amountCents: Int!
  currency: String!
  "Who pays."
  billedTo: Customer
}

type Query {
  "Invoices over a threshold."
  largeInvoices(minCents: Int!): [Invoice!]!
}
`;

export interface BillingStats {
  /** How many `_entities` calls reached this subgraph and how many representations each had. */
  entityBatches: number[];
}

/** `stats` records the size of each `_entities` batch the gateway sends here. */
export function buildBillingSchema(stats: BillingStats): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(BILLING_SDL),
    resolvers: {
      Account: {
        __resolveReference(ref: { id: string }) {
          return { id: ref.id };
        },
        invoices(account: { id: string }) {
          const seed = [...account.id].reduce((a, c) => a + c.charCodeAt(0), 0);
          return [{ id: `inv-${account.id}-1`, amountCents: 499 + (seed % 500), currency: 'USD', billedTo: null }];
        },
      },
      Query: {
        largeInvoices(_: unknown, args: { minCents: number }) {
          return [{ id: 'inv-x', amountCents: Math.max(args.minCents, 1000), currency: 'USD', billedTo: null }];
        },
      },
    },
  });
}
