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
  "The VPN account billed."
  account: Account!
  "Who pays, when known."
  billedTo: Customer
}

type Query {
  "The most recent invoices."
  recentInvoices: [Invoice!]!
}
`;

export interface BillingState {
  /** Account ids the example invoices point at (set by the test). */
  accountIds: string[];
  /** Size of each \`_entities\` batch received. */
  entityBatches: number[];
}

function invoiceFor(accountId: string, n = 1) {
  const seed = [...accountId].reduce((a, c) => a + c.charCodeAt(0), 0);
  return {
    id: `inv-${accountId}-${n}`,
    amountCents: 499 + (seed % 500),
    currency: 'USD',
    account: { id: accountId },
    billedTo: null,
  };
}

export function buildBillingSchema(state: BillingState): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(BILLING_SDL),
    resolvers: {
      Query: {
        recentInvoices: () => state.accountIds.map((id) => invoiceFor(id)),
      },
      Account: {
        __resolveReference(ref: { id: string }) {
          return { id: ref.id };
        },
        invoices(account: { id: string }) {
          return [invoiceFor(account.id)];
        },
      },
    },
  });
}
