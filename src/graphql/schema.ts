import 'reflect-metadata';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import './common/enums.js';
import { authChecker } from './auth-checker.js';
import { AccountResolver, WireGuardResolver } from '../modules/accounts/account.resolver.js';
import { CustomerResolver } from '../modules/customers/customer.resolver.js';
import { ProjectResolver } from '../modules/projects/project.resolver.js';
import { PlanResolver } from '../modules/catalog/plan.resolver.js';
import { ServerResolver } from '../modules/catalog/server.resolver.js';
import { UsageResolver } from '../modules/usage/usage.resolver.js';
import { ProviderResolver } from '../modules/catalog/provider.resolver.js';
import { NodeResolver } from './node/node.resolver.js';
import { AccountMutationResolver } from '../modules/accounts/account.mutations.js';
import { CustomerMutationResolver } from '../modules/customers/customer.mutations.js';
import { ProjectMutationResolver } from '../modules/projects/project.mutations.js';
import { IntentMutationResolver, IntentResolver } from '../modules/lifecycle/intent.resolver.js';
import { SyncIssueResolver, SyncRunResolver } from '../modules/sync/sync.resolver.js';
import { SyncMutationResolver } from '../modules/sync/sync.mutations.js';
import { AccountEventResolver, AccountHistoryResolver } from '../modules/history/event.resolver.js';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver.js';
import { BulkResolver } from '../modules/bulk/bulk.resolver.js';
import { MoveResolver } from '../modules/moves/move.resolver.js';
import { ApiKeyResolver } from '../modules/keys/api-key.resolver.js';
import { LiveResolver } from '../modules/live/live.resolver.js';
import type { EntityType } from '../domain/ids.js';
import type { GraphQLContext } from './context.js';
import { CACHE_CONTROL_SDL } from './common/freshness.js';

// type-graphql resolver classes are heterogeneous by nature; the array type is theirs.
const RESOLVERS = [
  AccountResolver,
  WireGuardResolver,
  CustomerResolver,
  ProjectResolver,
  PlanResolver,
  ServerResolver,
  UsageResolver,
  ProviderResolver,
  NodeResolver,
  AccountMutationResolver,
  CustomerMutationResolver,
  ProjectMutationResolver,
  IntentResolver,
  IntentMutationResolver,
  SyncRunResolver,
  SyncIssueResolver,
  SyncMutationResolver,
  AccountHistoryResolver,
  AccountEventResolver,
  WebhookResolver,
  BulkResolver,
  MoveResolver,
  ApiKeyResolver,
  LiveResolver,
] as unknown as NonEmptyArray<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@tag", "@cost", "@listSize"])';

/** Federation reference resolvers: `_entities` goes through the same services (and loaders) as queries. */
function referenceResolver(type: EntityType) {
  return {
    __resolveReference: (reference: { id: string }, context: GraphQLContext) =>
      context.services.nodes.reference(type, reference.id),
  };
}

const UNUSED_PUBSUB: PubSub = {
  publish() {
    throw new Error('subscriptions are fed by database notifications, not a PubSub');
  },
  subscribe() {
    throw new Error('subscriptions are fed by database notifications, not a PubSub');
  },
};

let cached: { typeGraphql: GraphQLSchema; subgraph: GraphQLSchema; sdl: string } | undefined;

/** Builds the type-graphql schema and wraps it as an Apollo Federation 2 subgraph. */
export async function buildSubgraph(): Promise<{ subgraph: GraphQLSchema; sdl: string }> {
  if (cached) return cached;
  const typeGraphql = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    // Every @Subscription has its own `subscribe` (live/live.resolver.ts: database notifications); type-graphql
    // still wants a PubSub, which nothing uses.
    pubSub: UNUSED_PUBSUB,
    validate: false,
    skipCheck: true,
  });
  // Apollo's @cacheControl is declared in the subgraph's own SDL (federation does not supply it).
  const sdl = `${FEDERATION_LINK}\n\n${CACHE_CONTROL_SDL}\n\n${printSchemaWithDirectives(typeGraphql)}`;
  const resolvers = createResolversMap(typeGraphql) as Record<string, Record<string, unknown>>;
  for (const type of ['Account', 'Customer', 'Project', 'Plan', 'Server'] as const) {
    resolvers[type] = { ...(resolvers[type] ?? {}), ...referenceResolver(type) };
  }
  const subgraph = buildSubgraphSchema({
    typeDefs: parse(sdl),
    // createResolversMap's output is a plain resolver map; buildSubgraphSchema's type is stricter.
    resolvers: resolvers as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never,
  });
  cached = { typeGraphql, subgraph, sdl };
  return cached;
}
