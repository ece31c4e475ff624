import { createHash, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config/config.js';
import type { Role } from '../config/checks.js';
import type { Store } from '../core/store/store.js';
import { rolesFor, type Viewer } from '../domain/viewer.js';
import { parseScope, ScopeClaimError } from '../domain/scope-claims.js';

/**
 * Who is calling: an API key (`X-Api-Key`, from config or the store, hashed there), or a JWT
 * (`Authorization: Bearer`, HS256 only, issuer/audience checked when configured), or nobody
 * (anonymous, allowed only in sandbox/development). Behind a router, `X-Router-Secret` must match; with the
 * secret and no credential the caller is the router itself (no role; it may read `_service` only).
 *
 * A JWT must carry `exp`; its lifetime (exp − iat, or exp − now without iat) may not exceed JWT_MAX_TTL_S,
 * and an `iat` more than CLOCK_SKEW_S in the future is refused.
 */

const ROLE_CLAIM = 'role';
/** Clock difference tolerated between the token issuer and this server. */
export const CLOCK_SKEW_S = 60;

export class Authenticator {
  private readonly secret: Uint8Array | null;

  constructor(
    private readonly config: AppConfig,
    private readonly store: Store,
  ) {
    this.secret = config.env.JWT_SECRET ? new TextEncoder().encode(config.env.JWT_SECRET) : null;
  }

  async viewer(headers: { get(name: string): string | undefined }): Promise<Viewer> {
    const routerSecret = this.config.env.ROUTER_SECRET;
    if (routerSecret && !safeEqual(headers.get('x-router-secret') ?? '', routerSecret)) {
      throw unauthenticated('The router secret header is missing or wrong.');
    }
    const who = await this.caller(headers);
    return routerSecret ? { ...who, router: true } : who;
  }

  private async caller(headers: { get(name: string): string | undefined }): Promise<Viewer> {
    const apiKey = headers.get('x-api-key');
    if (apiKey) {
      const fromConfig = this.config.apiKeys.find((k) => safeEqual(k.key, apiKey));
      if (fromConfig) return viewer(`key:${fromConfig.name}`, fromConfig.role);
      // Looked up on every request, never cached here or in the store: a revocation (any replica) is seen by the
      // next request. Do not put a cache in front of this without a way to drop revoked keys at once.
      const stored = await this.store.findApiKey(apiKey);
      if (stored) return this.fromClaims(`key:${stored.name}`, { ...(stored.scope ?? {}), role: stored.role });
      throw unauthenticated('Unknown API key.');
    }
    const authorization = headers.get('authorization');
    if (authorization?.toLowerCase().startsWith('bearer ')) {
      if (!this.secret) throw unauthenticated('Bearer tokens are not accepted here (JWT_SECRET is not set).');
      try {
        const { payload } = await jwtVerify(authorization.slice(7).trim(), this.secret, {
          algorithms: ['HS256'],
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_SKEW_S,
          ...(this.config.env.JWT_ISSUER ? { issuer: this.config.env.JWT_ISSUER } : {}),
          ...(this.config.env.JWT_AUDIENCE ? { audience: this.config.env.JWT_AUDIENCE } : {}),
        });
        const now = Math.floor(Date.now() / 1000);
        const exp = payload.exp as number; // required above: jose checked it is a number
        if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_S) {
          throw unauthenticated('The bearer token is issued in the future.');
        }
        if (exp - (payload.iat ?? now) > this.config.env.JWT_MAX_TTL_S) {
          throw unauthenticated('The bearer token lives longer than this server accepts.');
        }
        return this.fromClaims(`jwt:${payload.sub ?? 'unknown'}`, payload);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        throw unauthenticated('The bearer token is invalid or expired.');
      }
    }
    if (this.config.allowAnonymous) return { actor: 'anonymous', roles: rolesFor('admin'), anonymous: true };
    // The router itself (its secret, no caller credential: e.g. fetching `_service` to compose): no role at all.
    if (this.config.env.ROUTER_SECRET) return { actor: 'router', roles: new Set<Role>(), anonymous: false };
    throw unauthenticated(AUTHENTICATION_REQUIRED);
  }

  /** A viewer from a role claim: a global role, or `customer` / `reseller` with its scope claims. */
  private fromClaims(actor: string, claims: Record<string, unknown>): Viewer {
    const role = claims[ROLE_CLAIM];
    if (role === 'reader' || role === 'operator' || role === 'admin') return viewer(actor, role);
    if (role === 'customer' || role === 'reseller') {
      try {
        const scope = parseScope(role, claims, actor);
        // Scoped callers may run account mutations (the guard decides which), never admin-only ones.
        return { actor, roles: rolesFor('operator'), anonymous: false, scope };
      } catch (error) {
        if (error instanceof ScopeClaimError)
          throw unauthenticated(`The credential's scope is invalid: ${error.message}`);
        throw error;
      }
    }
    throw unauthenticated(
      actor.startsWith('jwt:') ? 'The token has no valid role claim.' : 'The API key has no valid role.',
    );
  }
}

function viewer(actor: string, role: Role): Viewer {
  return { actor, roles: rolesFor(role), anonymous: false };
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The 401 message of a request with no credential (also for the router's own requests beyond `_service`). */
export const AUTHENTICATION_REQUIRED = 'Authentication required: send X-Api-Key or Authorization: Bearer <JWT>.';

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
