/**
 * The urql recipe docs/frontend.md shows (between the region markers: test/docs/snippets.test.ts checks the doc
 * holds this text verbatim), run by test/client/recipes.test.ts against the real server.
 */
// #region recipe
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { createClient } from 'graphql-ws';

/**
 * Object types without an `id` (connections, edges, payloads, values): embedded in their parent, not normalised.
 * test/client/recipes.test.ts checks this is exactly the schema's object types without an `id` field.
 */
export const URQL_EMBEDDED_TYPES = [
  'AccountConfirmations',
  'AccountConnection',
  'AccountEdge',
  'AccountEventConnection',
  'AccountEventEdge',
  'AccountMoveConnection',
  'AccountMoveEdge',
  'AccountMovePasswordPayload',
  'AccountMovePayload',
  'AccountMoveStep',
  'AccountPayload',
  'AccountPlan',
  'AccountWithPasswordPayload',
  'ApiKeyConnection',
  'ApiKeyEdge',
  'ApiKeyScope',
  'BulkItem',
  'BulkItemConnection',
  'BulkItemEdge',
  'BulkOperationPayload',
  'ConnectionConfig',
  'CreateApiKeyPayload',
  'CustomerConnection',
  'CustomerEdge',
  'CustomerPayload',
  'DeleteWebhookEndpointPayload',
  'MoveCarryOver',
  'PageInfo',
  'ProjectConnection',
  'ProjectEdge',
  'ProjectPayload',
  'ProviderFailure',
  'ProviderFeaturesInfo',
  'ProviderHealthInfo',
  'RedeliverWebhookPayload',
  'RevokeApiKeyPayload',
  'SettleIntentPayload',
  'SyncIssueConnection',
  'SyncIssueEdge',
  'SyncIssuePayload',
  'SyncProviderPayload',
  'SyncRunConnection',
  'SyncRunEdge',
  'SyncRunError',
  'UsageMetric',
  'UserError',
  'WebhookAttempt',
  'WebhookDeliveryConnection',
  'WebhookDeliveryEdge',
  'WebhookEndpointPayload',
  'WebhookEndpointSecretPayload',
  'WireGuardInfo',
  'WriteIntentConnection',
  'WriteIntentEdge',
];

export function vpnGraphUrql(options: {
  url: string; // https://api.example.com/graphql
  headers: Record<string, string>; // { 'X-Api-Key': … } or { Authorization: 'Bearer …' }
  webSocketImpl?: unknown; // browsers have WebSocket; on Node pass `ws`
  fetch?: typeof fetch;
}): Client {
  const ws = createClient({
    url: options.url.replace(/^http/, 'ws'),
    connectionParams: options.headers,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
  });
  return new Client({
    url: options.url,
    // urql sends queries as GET by default, which CSRF prevention refuses: POST everything.
    preferGetMethod: false,
    fetchOptions: { headers: options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(URQL_EMBEDDED_TYPES.map((name) => [name, () => null])),
        // Pages of one list merge; lists with other arguments (filter, orderBy) stay apart.
        resolvers: { Query: { accounts: relayPagination() }, Account: { history: relayPagination() } },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
// #endregion
