import { readFileSync } from 'node:fs';
import { parse, buildASTSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { composeServices } from '@apollo/composition';
import { publicContract } from '../../src/graphql/contract.js';
import { BILLING_SDL } from '../federation/billing-subgraph.js';

/**
 * The public contract (schema/public.graphql, docs/federation.md): every operator surface is tagged
 * `@tag(name: "internal")`, the generated contract holds none of it, and it composes like the whole subgraph.
 * The root fields come from the generated SDL: a new one without a row below fails until someone decides.
 */
const ROOTS: Record<string, 'public' | 'internal'> = {
  // reads a customer or sub-reseller makes (scoped like the rest of the graph)
  'Query.account': 'public',
  'Query.accountByUsername': 'public',
  'Query.accounts': 'public',
  'Query.customer': 'public',
  'Query.customers': 'public',
  'Query.project': 'public',
  'Query.projects': 'public',
  'Query.plans': 'public',
  'Query.servers': 'public',
  'Query.usage': 'public',
  'Query.providers': 'public',
  'Query.node': 'public',
  'Query.nodes': 'public',
  'Query.accountEvents': 'public', // history; its actor is internal
  // operator surfaces
  'Query.unresolvedIntents': 'internal',
  'Query.syncRun': 'internal',
  'Query.syncRuns': 'internal',
  'Query.syncIssue': 'internal',
  'Query.syncIssues': 'internal',
  'Query.webhookEndpoints': 'internal',
  'Query.webhookDeliveries': 'internal',
  'Query.bulkOperation': 'internal',
  'Query.apiKeys': 'internal',
  // the account lifecycle (scoped by the token; customers within their renewal rules)
  'Mutation.createAccount': 'public',
  'Mutation.enableAccount': 'public',
  'Mutation.disableAccount': 'public',
  'Mutation.renewAccount': 'public',
  'Mutation.extendAccount': 'public',
  'Mutation.expireAccount': 'public',
  'Mutation.changeAccountPassword': 'public',
  'Mutation.changeAccountPlan': 'public',
  'Mutation.closeAccount': 'public',
  'Mutation.deleteAccount': 'public',
  'Mutation.reopenAccount': 'public',
  'Mutation.anonymiseAccount': 'public',
  'Mutation.setAccountBandwidthLimit': 'public',
  'Mutation.revokeAccountSessions': 'public',
  // moves between providers (operators, and sub-resellers within their scope and quota; never customers)
  'Query.accountMove': 'public',
  'Query.accountMoves': 'public',
  'Mutation.moveAccount': 'public',
  'Mutation.retryAccountMove': 'public',
  'Mutation.takeAccountMovePassword': 'public',
  // live updates: a customer's own accounts' events; bulk and sync progress are operator surfaces
  'Subscription.accountEvents': 'public',
  'Subscription.bulkOperationUpdated': 'internal',
  'Subscription.syncRunUpdated': 'internal',
  // operator surfaces (refused to every scoped caller: ScopeGuard.requireUnscoped)
  'Mutation.linkAccountToCustomer': 'internal',
  'Mutation.createCustomer': 'internal',
  'Mutation.updateCustomer': 'internal',
  'Mutation.deleteCustomer': 'internal',
  'Mutation.createProject': 'internal',
  'Mutation.updateProject': 'internal',
  'Mutation.deleteProject': 'internal',
  'Mutation.settleIntent': 'internal',
  'Mutation.syncProvider': 'internal',
  'Mutation.adoptSyncIssue': 'internal',
  'Mutation.forgetSyncIssue': 'internal',
  'Mutation.createWebhookEndpoint': 'internal',
  'Mutation.updateWebhookEndpoint': 'internal',
  'Mutation.deleteWebhookEndpoint': 'internal',
  'Mutation.rotateWebhookEndpointSecret': 'internal',
  'Mutation.redeliverWebhook': 'internal',
  'Mutation.startBulkAccountOperation': 'internal',
  'Mutation.cancelBulkOperation': 'internal',
  'Mutation.createApiKey': 'internal',
  'Mutation.revokeApiKey': 'internal',
};

/** Object fields that are operator-only wherever their type is public. */
const INTERNAL_FIELDS = [
  'Account.providerStatus',
  'Account.metadata',
  'Account.connectionConfigs',
  'WireGuardInfo.privateKey',
  'ProviderInfo.health',
  'AccountEvent.actor',
];

const FULL = readFileSync('schema/schema.graphql', 'utf8');
const PUBLIC = readFileSync('schema/public.graphql', 'utf8');

/** An executable view of a subgraph SDL, for walking types (federation directives declared loosely). */
function schemaOf(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
}

const taggedInternal = (sdl: string): Set<string> => {
  const out = new Set<string>();
  const schema = schemaOf(sdl);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()))
      if (field.astNode?.directives?.some((d) => d.name.value === 'tag' && /"internal"/.test(JSON.stringify(d))))
        out.add(`${type.name}.${field.name}`);
  }
  return out;
};

describe('public contract', () => {
  it('every root field has a decision, and is tagged internal exactly when it is an operator surface', () => {
    const schema = schemaOf(FULL);
    const tagged = taggedInternal(FULL);
    const roots: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()])
      for (const name of Object.keys(root?.getFields() ?? {}))
        if (!name.startsWith('_')) roots.push(`${root!.name}.${name}`);
    expect(roots.filter((r) => !(r in ROOTS))).toEqual([]); // a new root field: add a row
    expect(Object.keys(ROOTS).filter((r) => !roots.includes(r))).toEqual([]); // a row for a field that left
    expect(roots.filter((r) => (ROOTS[r] === 'internal') !== tagged.has(r))).toEqual([]);
    expect(INTERNAL_FIELDS.filter((f) => !tagged.has(f))).toEqual([]);
  });

  it('schema/public.graphql holds no internal field and no operator type', () => {
    expect(PUBLIC).not.toContain('"internal"');
    const schema = schemaOf(PUBLIC);
    for (const field of [...taggedInternal(FULL)]) {
      const [type, name] = field.split('.') as [string, string];
      const t = schema.getType(type);
      expect({ field, present: isObjectType(t) && name in t.getFields() }).toEqual({ field, present: false });
    }
    for (const type of [
      'SyncRun',
      'SyncIssue',
      'WebhookEndpoint',
      'WebhookDelivery',
      'BulkOperation',
      'ApiKey',
      'WriteIntent',
    ])
      expect({ type, present: Boolean(schema.getType(type)) }).toEqual({ type, present: false });
    // what customers use is all there
    for (const type of ['Account', 'Customer', 'Project', 'Plan', 'Server', 'UsageReport', 'AccountEvent'])
      expect({ type, present: Boolean(schema.getType(type)) }).toEqual({ type, present: true });
  });

  it('composes with the billing example: no errors, no hints', () => {
    const result = composeServices([
      { name: 'vpn-graph', url: 'http://vpn-graph/graphql', typeDefs: parse(PUBLIC) },
      { name: 'billing', url: 'http://billing/graphql', typeDefs: parse(BILLING_SDL) },
    ]);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect((result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  });

  it('refuses an SDL whose public field returns an internal type (the check can fail)', () => {
    const leaky = FULL.replace(/type Query \{/, 'type Query {\n  leak: BulkOperation\n');
    expect(leaky).not.toEqual(FULL);
    expect(() => publicContract(leaky)).toThrow(/Query\.leak → BulkOperation/);
  });
});
