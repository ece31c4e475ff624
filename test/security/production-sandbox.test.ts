import { ConfigError } from '../../src/lib/config-error.js';
import { loadConfig } from '../../src/config/config.js';
import { providerPlans } from '../../src/providers/registry.js';
import { buildOnce, spawnServer, tempDataDir } from '../main/process.js';
import { PRODUCTION_ESSENTIALS } from './production-env.js';

/** Production never serves the emulators by accident (#19 item 5). */
describe('sandbox providers in production', () => {
  const prod = { NODE_ENV: 'production' };
  /** Production's other requirements (metrics token, webhook key), met so that only the providers decide. */
  const ok = { ...prod, ...PRODUCTION_ESSENTIALS };
  const WLVPN = { WLVPN_BASE_URL: 'https://api.wlvpn.example', WLVPN_API_KEY: 'wlvpn-key-0123456789abcdefghij' };
  const ALL = {
    ...WLVPN,
    PUREWL_BASE_URL: 'https://purewl.example',
    PUREWL_SECRET_KEY: 'purewl-secret-0123456789abcdefghij',
    VPNRESELLERS_BASE_URL: 'https://vpnresellers.example',
    VPNRESELLERS_API_TOKEN: 'vr-token-0123456789abcdefghij',
    PUREVPN_BASE_URL: 'https://purevpn.example/api',
    PUREVPN_API_USER: 'reseller',
    PUREVPN_API_PASSWORD: 'purevpn-password-0123456789',
  };
  const refusal = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
      return 'started';
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('refuses to start with no provider configured, naming every sandboxed provider', () => {
    const message = refusal(prod);
    for (const name of ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN']) expect(message).toContain(name);
    expect(message).toContain('ALLOW_SANDBOX_IN_PRODUCTION');
  });

  it('refuses one sandboxed provider among configured ones, naming only it', () => {
    const { PUREVPN_BASE_URL: _u, PUREVPN_API_USER: _n, PUREVPN_API_PASSWORD: _p, ...three } = ALL;
    const message = refusal({ ...prod, ...three });
    expect(message).toMatch(/sandbox emulators for PUREVPN:/);
    expect(message).not.toMatch(/for .*WLVPN/);
    // The registry agrees on which one would be in sandbox.
    expect(
      providerPlans(three)
        .filter((p) => p.sandbox)
        .map((p) => p.module.name),
    ).toEqual(['PUREVPN']);
    expect(message).not.toContain(ALL.WLVPN_API_KEY);
  });

  it('starts with every provider configured, or with ALLOW_SANDBOX_IN_PRODUCTION=true', () => {
    expect(refusal({ ...ok, ...ALL })).toBe('started');
    expect(refusal({ ...ok, ALLOW_SANDBOX_IN_PRODUCTION: 'true' })).toBe('started');
    expect(refusal({ ...ok, ...WLVPN, ALLOW_SANDBOX_IN_PRODUCTION: 'true' })).toBe('started');
    expect(refusal({})).toBe('started'); // development: sandbox is the default
  });

  it('refuses SANDBOX_ADMIN in production altogether', () => {
    expect(refusal({ ...prod, ALLOW_SANDBOX_IN_PRODUCTION: 'true', SANDBOX_ADMIN: 'true' })).toMatch(/SANDBOX_ADMIN/);
    expect(refusal({ ...prod, ...ALL, SANDBOX_ADMIN: 'true' })).toMatch(/SANDBOX_ADMIN/);
    expect(refusal({ SANDBOX_ADMIN: 'true' })).toBe('started');
  });

  it('the real process exits non-zero with the reason, serving nothing', async () => {
    await buildOnce();
    const p = await spawnServer({ NODE_ENV: 'production', DATA_DIR: tempDataDir() });
    const exit = await p.exited;
    expect(exit.code).not.toBe(0);
    expect(p.output()).toMatch(/sandbox emulators for PUREWL, VPNRESELLERS, WLVPN, PUREVPN/);
    await expect(fetch(`${p.url}/health`)).rejects.toThrow();
  }, 180_000);
});
