/**
 * The Apollo Client 4 recipe docs/frontend.md shows (between the region markers: test/docs/snippets.test.ts
 * checks the doc holds this text verbatim), run by test/client/recipes.test.ts against the real server.
 */
// #region recipe
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/** Object types without an `id`: values merged into their parent, never normalised on their own. */
export const APOLLO_VALUE_TYPES = [
  'AccountPlan',
  'ProviderFeaturesInfo',
  'ProviderHealthInfo',
  'WireGuardInfo',
  'PageInfo',
];

export function vpnGraphApollo(options: {
  url: string; // https://api.example.com/graphql
  headers: Record<string, string>; // { 'X-Api-Key': … } or { Authorization: 'Bearer …' }
  webSocketImpl?: unknown; // browsers have WebSocket; on Node pass `ws`
  fetch?: typeof fetch;
  // The server ended the socket for the credential: 4401 (the token expired) or 4403 (refused or revoked, with
  // the reason). Retrying with the same credential cannot help: sign in again.
  onSessionEnded?: (code: 4401 | 4403, reason: string) => void;
}): ApolloClient {
  const http = new HttpLink({
    uri: options.url,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // Subscriptions: graphql-ws on the same URL; the credential goes in connection_init.
  const ws = new GraphQLWsLink(
    createClient({
      url: options.url.replace(/^http/, 'ws'),
      connectionParams: options.headers,
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
      on: {
        closed: (event) => {
          const { code, reason } = event as { code?: number; reason?: string }; // a CloseEvent
          if (code === 4401 || code === 4403) options.onSessionEnded?.(code, reason ?? '');
        },
      },
    }),
  );
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };
  return new ApolloClient({
    link: ApolloLink.split(isSubscription, ws, http),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One list per filter AND order: every argument that changes which accounts come, or in which order.
            // (`maxAge` only says how fresh they must be: same list.)
            accounts: relayStylePagination(['filter', 'orderBy']),
          },
        },
        Account: { fields: { history: relayStylePagination(false) } },
        ...Object.fromEntries(APOLLO_VALUE_TYPES.map((name) => [name, { merge: true }])),
      },
    }),
  });
}
// #endregion
