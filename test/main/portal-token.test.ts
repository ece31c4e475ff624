import { jwtVerify } from 'jose';
import { encodeId } from '../../src/domain/ids.js';
import '../../src/providers/modules.js'; // registers the provider names ids are decoded with (the script loads them through config)
import { mintPortalToken, PortalTokenError } from '../../src/main/portal-token.js';

/** `npm run portal:token`'s signer: the claims docs/scoped-access.md describes, refused without a secret or id. */
describe('mintPortalToken', () => {
  const secret = 'portal-token-tests-secret-0123456789abcdef';
  const key = new TextEncoder().encode(secret);

  it('signs a customer token for one Customer id, with issuer, audience and the lifetime asked', async () => {
    const customerId = encodeId('Customer', 'STORE', 'c-1');
    const token = await mintPortalToken({
      secret,
      issuer: 'iss-1',
      audience: 'aud-1',
      ttlSeconds: 900,
      role: 'customer',
      customerId,
    });
    const { payload, protectedHeader } = await jwtVerify(token, key, { issuer: 'iss-1', audience: 'aud-1' });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ role: 'customer', vg_customers: [customerId], sub: `portal:${customerId}` });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('signs an operator token with no scope claim', async () => {
    const token = await mintPortalToken({ secret, ttlSeconds: 60, role: 'operator' });
    const { payload } = await jwtVerify(token, key);
    expect(payload.role).toBe('operator');
    expect(payload.vg_customers).toBeUndefined();
  });

  it('refuses without JWT_SECRET and for an id that is not a Customer id', async () => {
    await expect(mintPortalToken({ secret: undefined, ttlSeconds: 60, role: 'operator' })).rejects.toThrow(
      PortalTokenError,
    );
    const accountId = encodeId('Account', 'WLVPN', '42');
    for (const customerId of ['not-an-id', accountId]) {
      await expect(mintPortalToken({ secret, ttlSeconds: 60, role: 'customer', customerId })).rejects.toThrow(
        'Not a Customer id',
      );
    }
  });
});
