import { SignJWT } from 'jose';
import { encodeId } from '../../../src/domain/ids.js';
import { ProviderName } from '../../../src/providers/modules.js';
import type { TestApp } from '../../helpers/app.js';

export const SECRET = 'scope-tests-jwt-secret-0123456789abcdef';
export const PROVIDERS = [ProviderName.PUREWL, ProviderName.VPNRESELLERS, ProviderName.WLVPN, ProviderName.PUREVPN];

/** A portal's token: HS256 with the scope claims (docs/scoped-access.md). */
export async function token(sub: string, claims: Record<string, unknown>): Promise<Record<string, string>> {
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));
  return { authorization: `Bearer ${jwt}` };
}

export async function storeCustomer(t: TestApp, label: string): Promise<string> {
  const c = await t.store.createCustomer({
    firstName: label,
    lastName: 'Scope',
    email: `${label}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`,
  });
  return encodeId('Customer', 'STORE', c.nativeId);
}

const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id username provider } userErrors { code message field } }
}`;

interface Created {
  createAccount: {
    account: { id: string; username: string; provider: ProviderName } | null;
    userErrors: Array<{ code: string; message: string; field: string[] | null }>;
  };
}

/** Creates an account as the (unscoped) reseller for `customerId` on `provider`; answers id and username. */
export async function createFor(
  t: TestApp,
  provider: ProviderName,
  customerId: string,
  headers: Record<string, string> = {},
  key = `k-${Math.random()}`,
): Promise<Created['createAccount']> {
  const input: Record<string, unknown> = { provider, customerId, idempotencyKey: key };
  if (provider === ProviderName.PUREVPN || provider === ProviderName.PUREWL) input.periodDays = 30;
  const res = await t.gql<Created>(CREATE, { input }, headers);
  if (!res.data) throw new Error(`createAccount failed: ${JSON.stringify(res.errors)}`);
  return res.data.createAccount;
}
