import type { TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';

/** Account moves over the real server: sources made through createAccount, moves polled like a frontend. */

export const MOVE = `mutation($input: MoveAccountInput!) {
  moveAccount(input: $input) {
    accountMove { id status toProvider carryOver { remainingDays targetDays roundedUpDays granularity planCode periodDays } }
    userErrors { field message code }
  }
}`;

export const POLL = `query($id: ID!) { node(id: $id) { ... on AccountMove {
  id status sourceAccountId targetAccountId targetUsername attempts passwordHandedOut
  steps { name status attempts code message }
  carryOver { sourceExpiresAt remainingDays targetDays roundedUpDays granularity periodDays planCode targetExpiresAt }
  lastError { code message }
  target { id username expiresAt provider }
} } }`;

export interface MoveView {
  id: string;
  status: string;
  sourceAccountId: string;
  targetAccountId: string | null;
  targetUsername: string | null;
  attempts: number;
  passwordHandedOut: boolean;
  steps: Array<{ name: string; status: string; attempts: number; code: string | null; message: string | null }>;
  carryOver: {
    sourceExpiresAt: string;
    remainingDays: number;
    targetDays: number;
    roundedUpDays: number;
    granularity: string;
    periodDays: number | null;
    planCode: string | null;
    targetExpiresAt: string | null;
  } | null;
  lastError: { code: string; message: string } | null;
  target: { id: string; username: string; expiresAt: string | null; provider: string } | null;
}

export interface MoveAnswer {
  accountMove: { id: string; status: string } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

export async function move(
  t: TestApp,
  input: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<MoveAnswer> {
  const res = await t.gql<{ moveAccount: MoveAnswer }>(MOVE, { input }, headers);
  if (!res.data?.moveAccount) throw new Error(`moveAccount failed: ${JSON.stringify(res.errors)}`);
  return res.data.moveAccount;
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'NEEDS_ATTENTION']);

/** Polls the move (node(id)) until it ends. */
export async function settled(t: TestApp, id: string, timeoutMs = 50_000): Promise<MoveView> {
  const deadline = Date.now() + timeoutMs;
  let last: MoveView | undefined;
  while (Date.now() < deadline) {
    const res = await t.gql<{ node: MoveView | null }>(POLL, { id });
    last = res.data?.node ?? undefined;
    if (!last) throw new Error(`move not readable: ${JSON.stringify(res.errors)}`);
    if (FINAL.has(last.status)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`move ${id} did not end: ${JSON.stringify(last)}`);
}

const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id username expiresAt } userErrors { code message } }
}`;

/** A source account, made through createAccount for a store customer, with a known expiry. */
export async function source(
  t: TestApp,
  provider: ProviderName,
  customerId: string,
  key: string,
): Promise<{ id: string; username: string; expiresAt: string }> {
  const input: Record<string, unknown> = { provider, customerId, idempotencyKey: key };
  if (provider === ProviderName.WLVPN) input.planCode = 'coolvpn_one_month_unlimited';
  else if (provider === ProviderName.PUREVPN) input.periodDays = 30;
  else input.periodDays = 40;
  const res = await t.gql<{
    createAccount: {
      account: { id: string; username: string; expiresAt: string } | null;
      userErrors: Array<{ code: string; message: string }>;
    };
  }>(CREATE, { input });
  const account = res.data?.createAccount.account;
  if (!account) throw new Error(`source not created: ${JSON.stringify(res.data ?? res.errors)}`);
  if (!account.expiresAt) throw new Error(`source has no expiry: ${JSON.stringify(account)}`);
  return account;
}

/** Whether the vendor shows the account retired (WLVPN: closed; the others delete it). */
export function retiredAtVendor(t: TestApp, provider: ProviderName, username: string): boolean {
  if (provider === ProviderName.WLVPN) {
    const emu = t.emulator(provider) as unknown as {
      customers: Map<number, { cust_user_id: string; acct_status_id: number }>;
    };
    const c = [...emu.customers.values()].find((x) => x.cust_user_id === username);
    return c !== undefined && c.acct_status_id === 3;
  }
  return !t.emulator(provider).demoUsernames().includes(username);
}

/** Usernames the vendor holds now (its emulator's state). */
export function vendorUsernames(t: TestApp, provider: ProviderName): Set<string> {
  return new Set(t.emulator(provider).demoUsernames());
}
