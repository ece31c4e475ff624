import { SignJWT } from 'jose';
import { GraphQLError } from 'graphql';
import { Authenticator } from '../../src/main/auth.js';
import { ConfigError } from '../../src/lib/config-error.js';
import { loadConfig } from '../../src/config/config.js';
import type { Store } from '../../src/core/store/store.js';
import { PRODUCTION_SANDBOX } from './production-env.js';

/** JWT rules (issue #19 item 3) and production secret lengths, without a server. */
const SECRET = 'jwt-secret-for-tests-0123456789abcdef';
const key = new TextEncoder().encode(SECRET);
const noStore = { findApiKey: async () => null } as unknown as Store;
const auth = new Authenticator(loadConfig({ JWT_SECRET: SECRET, JWT_MAX_TTL_S: '3600' }), noStore);
const now = () => Math.floor(Date.now() / 1000);

const verdict = async (token: string): Promise<string> => {
  try {
    const v = await auth.viewer({ get: (n) => (n === 'authorization' ? `Bearer ${token}` : undefined) });
    return `ok:${v.actor}`;
  } catch (error) {
    return error instanceof GraphQLError ? `${String(error.extensions.code)}:${error.message}` : String(error);
  }
};
const sign = (claims: { iat?: number; exp?: number }) => {
  const jwt = new SignJWT({ role: 'reader' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ui');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
};

describe('JWT lifetime rules', () => {
  it('accepts a short-lived token with or without iat', async () => {
    expect(await verdict(await sign({ iat: now(), exp: now() + 300 }))).toBe('ok:jwt:ui');
    expect(await verdict(await sign({ exp: now() + 300 }))).toBe('ok:jwt:ui');
  });

  it('refuses a token without exp', async () => {
    expect(await verdict(await sign({ iat: now() }))).toMatch(/^UNAUTHENTICATED:/);
  });

  it('refuses a lifetime above JWT_MAX_TTL_S (by iat, or by now when iat is absent)', async () => {
    expect(await verdict(await sign({ iat: now(), exp: now() + 3601 + 60 }))).toMatch(/lives longer/);
    expect(await verdict(await sign({ exp: now() + 7200 }))).toMatch(/lives longer/);
  });

  it('tolerates 60 s of clock skew on iat but refuses a token issued further in the future', async () => {
    expect(await verdict(await sign({ iat: now() + 30, exp: now() + 600 }))).toBe('ok:jwt:ui');
    expect(await verdict(await sign({ iat: now() + 600, exp: now() + 900 }))).toMatch(/^UNAUTHENTICATED:/);
  });

  it('refuses an expired token', async () => {
    expect(await verdict(await sign({ iat: now() - 600, exp: now() - 120 }))).toMatch(/^UNAUTHENTICATED:/);
  });
});

describe('production secrets', () => {
  const prod = PRODUCTION_SANDBOX;
  const fails = (env: Record<string, string>): string => {
    try {
      loadConfig({ ...prod, ...env });
      return 'started';
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('refuses a JWT_SECRET shorter than 32 bytes, naming the variable but not the value', () => {
    const message = fails({ JWT_SECRET: 'short-secret-value' });
    expect(message).toContain('JWT_SECRET');
    expect(message).not.toContain('short-secret-value');
    expect(fails({ JWT_SECRET: 'x'.repeat(32) })).toBe('started');
  });

  it('refuses an API key shorter than 24 characters, naming the entry but not the key', () => {
    const message = fails({ API_KEYS: 'ok:reader:abcdefghijklmnopqrstuvwxyz,ci:admin:tooShortKey123' });
    expect(message).toContain('API_KEYS');
    expect(message).toContain('"ci"');
    expect(message).not.toContain('tooShortKey123');
    expect(fails({ API_KEYS: 'ci:admin:abcdefghijklmnopqrstuvwx' })).toBe('started');
  });

  it('applies only in production', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short', API_KEYS: 'a:reader:b' })).not.toThrow();
  });
});
