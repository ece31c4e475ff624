import { generatePassword } from '../../src/lib/password.js';
import { isYmd, ymdToIso, epochSecondsToIso, addDays } from '../../src/lib/dates.js';
import { redact, registerSecret } from '../../src/lib/redact.js';

describe('generatePassword', () => {
  it('always has lower, upper and digit and the asked length', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(12);
      expect(p).toHaveLength(12);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/^[A-Za-z0-9]+$/);
    }
  });
});

describe('dates', () => {
  it('parses calendar dates and rejects the WLVPN zero date', () => {
    expect(isYmd('2024-02-29')).toBe(true);
    expect(isYmd('2023-02-29')).toBe(false);
    expect(ymdToIso('0000-00-00')).toBeNull();
    expect(ymdToIso('2017-03-24')).toBe('2017-03-24T00:00:00.000Z');
    expect(epochSecondsToIso(1703090682)).toBe('2023-12-20T16:44:42.000Z');
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
  });
});

describe('redact', () => {
  it('removes registered secrets and credential patterns', () => {
    registerSecret('s3cr3t-key-value');
    const text = redact(
      'failed with key s3cr3t-key-value at https://api-key:abc123@host/x?password=hunter2 Authorization: Bearer tok.en',
    );
    expect(text).not.toContain('s3cr3t-key-value');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok.en');
  });
});

describe('config', () => {
  it('allows anonymous callers only in sandbox mode outside production, and names missing provider variables', async () => {
    const { loadConfig } = await import('../../src/config/config.js');
    expect(loadConfig({}).allowAnonymous).toBe(true);
    const { PRODUCTION_SANDBOX } = await import('../security/production-env.js');
    expect(loadConfig({ ...PRODUCTION_SANDBOX }).allowAnonymous).toBe(false);
    expect(loadConfig({ WLVPN_BASE_URL: 'https://api.wlvpn.com', WLVPN_API_KEY: 'k' }).allowAnonymous).toBe(false);
    expect(
      loadConfig({ WLVPN_BASE_URL: 'https://api.wlvpn.com', WLVPN_API_KEY: 'k', ALLOW_ANONYMOUS: 'true' })
        .allowAnonymous,
    ).toBe(true);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT: must be an integer/);
    expect(() => loadConfig({ API_KEYS: 'a:superuser:k' })).toThrow(/API_KEYS entry 1/);
  });
});

describe('provider registry', () => {
  it('refuses a partly configured provider, naming the missing variable', async () => {
    const { loadConfig } = await import('../../src/config/config.js');
    const { ProviderRegistry } = await import('../../src/providers/registry.js');
    const { MemoryDirectory } = await import('../helpers/directory.js');
    await expect(
      ProviderRegistry.create(
        loadConfig({ PUREVPN_BASE_URL: 'https://x.example/api', PUREVPN_API_USER: 'u' }),
        new MemoryDirectory(),
      ),
    ).rejects.toThrow(/PUREVPN is partly configured: set PUREVPN_API_PASSWORD/);
  });
});
