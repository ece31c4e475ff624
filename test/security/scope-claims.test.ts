import { SignJWT } from 'jose';
import { GraphQLError } from 'graphql';
import { Authenticator } from '../../src/main/auth.js';
import { loadConfig } from '../../src/config/config.js';
import { encodeId } from '../../src/domain/ids.js';
import { ProviderName } from '../../src/providers/modules.js';
import type { Store } from '../../src/core/store/store.js';

/** Scope claims (issue #21): what a customer / reseller token may say, and what is refused at the door. */
const SECRET = 'scope-claims-secret-0123456789abcdef';
const noStore = { findApiKey: async () => null } as unknown as Store;
const auth = new Authenticator(loadConfig({ JWT_SECRET: SECRET }), noStore);
const C1 = encodeId('Customer', 'STORE', '11111111-1111-4111-8111-111111111111');
const C2 = encodeId('Customer', ProviderName.VPNRESELLERS, '42');
const P1 = encodeId('Project', ProviderName.VPNRESELLERS, '7');

const viewerOf = async (claims: Record<string, unknown>) => {
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('portal')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
  try {
    return await auth.viewer({ get: (n) => (n === 'authorization' ? `Bearer ${jwt}` : undefined) });
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions.code) : String(error);
  }
};

describe('scope claims', () => {
  it('a customer token: one customer, default operations, never CREATE/DELETE, no admin role', async () => {
    const v = await viewerOf({ role: 'customer', vg_customers: [C1], vg_ops: ['CHANGE_PASSWORD', 'DELETE', 'CREATE'] });
    if (typeof v === 'string') throw new Error(v);
    expect(v.scope).toMatchObject({ kind: 'customer', customerIds: [C1], projectIds: [], quota: null });
    expect([...(v.scope?.ops ?? [])]).toEqual(['CHANGE_PASSWORD']);
    expect(v.roles.has('admin')).toBe(false);
    const d = await viewerOf({ role: 'customer', vg_customer: C1 });
    if (typeof d === 'string') throw new Error(d);
    expect([...(d.scope?.ops ?? [])].sort()).toEqual(['CHANGE_PASSWORD', 'EXTEND', 'RENEW']);
  });

  it('a reseller token: customers and projects, quota', async () => {
    const v = await viewerOf({ role: 'reseller', vg_customers: [C1, C2], vg_projects: [P1], vg_quota: 50 });
    if (typeof v === 'string') throw new Error(v);
    expect(v.scope).toMatchObject({ kind: 'reseller', customerIds: [C1, C2], projectIds: [P1], quota: 50 });
    expect(v.scope?.ops.has('CREATE')).toBe(true);
    expect(v.scope?.key).toBe('jwt:portal');
  });

  it.each([
    ['customer naming two customers', { role: 'customer', vg_customers: [C1, C2] }],
    ['customer with a quota', { role: 'customer', vg_customers: [C1], vg_quota: 3 }],
    ['customer id that is a project id', { role: 'customer', vg_customers: [P1] }],
    ['reseller naming nothing', { role: 'reseller' }],
    ['unknown operation', { role: 'reseller', vg_customers: [C1], vg_ops: ['DROP_TABLE'] }],
    ['negative quota', { role: 'reseller', vg_customers: [C1], vg_quota: -1 }],
    ['unknown role', { role: 'superuser', vg_customers: [C1] }],
  ])('refuses a %s (401)', async (_label, claims) => {
    expect(await viewerOf(claims)).toBe('UNAUTHENTICATED');
  });

  it('global roles stay unscoped', async () => {
    const v = await viewerOf({ role: 'operator' });
    if (typeof v === 'string') throw new Error(v);
    expect(v.scope).toBeUndefined();
  });
});
