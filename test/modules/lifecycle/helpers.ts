import type { TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import type { FaultRule } from '../../../src/sandbox/types.js';
import { encodeId } from '../../../src/domain/ids.js';

/** Vendor-side state and HTTP fault injection for the write-ahead intent tests. */

/** The route each vendor's create goes to (PureVPN has one route for everything). */
export const CREATE_ROUTE: Record<ProviderName, string> = {
  [ProviderName.PUREWL]: 'POST /vam/v3/create',
  [ProviderName.VPNRESELLERS]: 'POST /v4_1/accounts',
  [ProviderName.WLVPN]: 'POST /v2/customers',
  [ProviderName.PUREVPN]: 'POST /api/reseller/v1',
};

let purewlCustomer: string | undefined;

/** PureWL needs a customer (its uuid): one kept by this API's store, made once per app. */
export async function preparePurewl(t: TestApp): Promise<void> {
  const c = await t.store.createCustomer({
    firstName: 'Intent',
    lastName: 'Tests',
    email: `intents-${Date.now()}-${Math.random()}@example.com`,
  });
  purewlCustomer = encodeId('Customer', 'STORE', c.nativeId);
}

/** Create input each provider accepts with nothing else (PureVPN picks the username). */
export function createInput(provider: ProviderName, key: string, username?: string): Record<string, unknown> {
  if (provider === ProviderName.PUREVPN) return { provider, periodDays: 30, idempotencyKey: key };
  if (provider === ProviderName.PUREWL) {
    if (!purewlCustomer) throw new Error('call preparePurewl(t) first');
    return {
      provider,
      periodDays: 30,
      customerId: purewlCustomer,
      idempotencyKey: key,
      ...(username ? { username } : {}),
    };
  }
  return { provider, idempotencyKey: key, ...(username ? { username } : {}) };
}

/** Adds a fault over the emulator's HTTP admin path (SANDBOX_ADMIN=true), as an operator would against the sandbox. */
export async function injectFault(t: TestApp, provider: ProviderName, rule: FaultRule): Promise<void> {
  const res = await fetch(`${t.emulator(provider).server.url}/__admin/faults`, {
    method: 'POST',
    body: JSON.stringify(rule),
  });
  if (res.status !== 201) throw new Error(`fault not accepted: ${res.status}`);
}

export async function clearFaults(t: TestApp, provider: ProviderName): Promise<void> {
  await fetch(`${t.emulator(provider).server.url}/__admin/faults`, { method: 'DELETE' });
}

/** Every username the vendor holds now (its emulator's state). */
export function vendorUsernames(t: TestApp, provider: ProviderName): Set<string> {
  return new Set(t.emulator(provider).demoUsernames());
}

/** Usernames this API's directory registered through creates. */
export async function directoryUsernames(t: TestApp, provider: ProviderName): Promise<string[]> {
  const rows = await t.store.db.query<{ username: string }>(
    "SELECT username FROM account_registry WHERE provider = $1 AND created_via = 'api'",
    [provider],
  );
  return rows.map((r) => r.username);
}

export const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id username provider } password replayed userErrors { code message field } }
}`;

export interface CreateAnswer {
  account: { id: string; username: string; provider: string } | null;
  password: string | null;
  replayed: boolean;
  userErrors: Array<{ code: string; message: string; field: string[] | null }>;
}

export async function create(t: TestApp, input: Record<string, unknown>): Promise<CreateAnswer> {
  const res = await t.gql<{ createAccount: CreateAnswer }>(CREATE, { input });
  if (!res.data?.createAccount) throw new Error(`createAccount failed: ${JSON.stringify(res.errors)}`);
  return res.data.createAccount;
}

export const UNRESOLVED = `query($first: Int!, $after: String) {
  unresolvedIntents(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id provider operation state attempt username createdAt updatedAt lastError } }
  }
}`;

export interface IntentNode {
  id: string;
  provider: ProviderName;
  operation: string;
  state: string;
  attempt: number;
  username: string | null;
  lastError: string | null;
}

export async function unresolved(t: TestApp): Promise<IntentNode[]> {
  const out: IntentNode[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<
      ReturnType<
        typeof t.gql<{
          unresolvedIntents: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: IntentNode }>;
          };
        }>
      >
    > = await t.gql(UNRESOLVED, { first: 50, after });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    out.push(...res.data.unresolvedIntents.edges.map((e) => e.node));
    if (!res.data.unresolvedIntents.pageInfo.hasNextPage) return out;
    after = res.data.unresolvedIntents.pageInfo.endCursor;
  }
}

export function intentIdIn(message: string): string | null {
  return /intent ([0-9a-f-]{36})/.exec(message)?.[1] ?? null;
}

/** Whether an OUTCOME_UNKNOWN message names an intent that `unresolvedIntents` lists (every page). */
export async function namesListedIntent(t: TestApp, message: string | undefined): Promise<boolean> {
  const id = /intent ([0-9a-f-]{36})/.exec(message ?? '')?.[1];
  return id !== undefined && (await unresolved(t)).some((i) => i.id === id);
}
