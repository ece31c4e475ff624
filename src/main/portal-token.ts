import { SignJWT } from 'jose';
import { decodeId } from '../domain/ids.js';

/** A token the reference portal (examples/portal) signs in with; see docs/scoped-access.md for the claims. */
export type PortalTokenRequest = {
  secret: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  ttlSeconds: number;
} & ({ role: 'customer'; customerId: string } | { role: 'operator' });

export class PortalTokenError extends Error {}

/** HS256, `exp` = now + ttlSeconds, `sub` = `portal:<customer id>` (or `portal:operator`). */
export async function mintPortalToken(request: PortalTokenRequest): Promise<string> {
  if (!request.secret) {
    throw new PortalTokenError('JWT_SECRET is not set: use the value the API runs with (npm start).');
  }
  let claims: Record<string, unknown>;
  let subject: string;
  if (request.role === 'customer') {
    if (decodeId(request.customerId)?.type !== 'Customer') {
      throw new PortalTokenError(`Not a Customer id: ${JSON.stringify(request.customerId.slice(0, 80))}.`);
    }
    claims = { role: 'customer', vg_customers: [request.customerId] };
    subject = `portal:${request.customerId}`;
  } else {
    claims = { role: 'operator' };
    subject = 'portal:operator';
  }
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds);
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
