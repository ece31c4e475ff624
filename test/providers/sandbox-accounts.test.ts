import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { PROVIDER_MODULES } from '../../src/providers/modules.js';
import { WlvpnEmulator, WLVPN_SANDBOX_KEY } from '../../src/providers/wlvpn/sandbox/index.js';
import { WlvpnProvider } from '../../src/providers/wlvpn/provider.js';
import { MemoryDirectory } from '../helpers/directory.js';

/** SANDBOX_ACCOUNTS (issue #15): every emulator seeds `options.accounts` accounts, deterministically from the seed. */

describe.each(PROVIDER_MODULES.map((m) => [m.name, m] as const))('%s emulator', (_name, module) => {
  it('seeds N accounts when asked, the same ones for the same seed, and its default otherwise', async () => {
    const make = await module.sandbox();
    const seven = make({ seed: 11, accounts: 7 }).handle.demoUsernames();
    expect(seven).toHaveLength(7);
    expect(make({ seed: 11, accounts: 7 }).handle.demoUsernames()).toEqual(seven);
    expect(make({ seed: 11, accounts: 0 }).handle.demoUsernames()).toEqual([]);
    const byDefault = make({ seed: 11 }).handle.demoUsernames().length;
    expect(byDefault).toBeGreaterThanOrEqual(55);
    expect(byDefault).toBeLessThanOrEqual(60);
    expect(() => make({ accounts: -1 })).toThrow(/whole number/);
  });
});

describe('WLVPN with 10,000 accounts', () => {
  it('seeds them and serves pages of 1000', async () => {
    const emu = new WlvpnEmulator({ seed: 4, accounts: 10_000 });
    expect(emu.customers.size).toBe(10_000);
    const url = await emu.server.start();
    const provider = new WlvpnProvider({
      baseUrl: url,
      credentials: { WLVPN_API_KEY: WLVPN_SANDBOX_KEY },
      network: DEFAULT_NETWORK,
      directory: new MemoryDirectory(),
      sandbox: true,
    });
    try {
      const page = await provider.listAccounts({ offset: 9_000, limit: 1_000 });
      expect(page.items).toHaveLength(1_000);
      expect(emu.server.count('GET /v2/customers/paged')).toBe(1);
      const auth = `Basic ${Buffer.from(`api-key:${WLVPN_SANDBOX_KEY}`).toString('base64')}`;
      const last = (await (
        await fetch(`${url}/v2/customers/paged?page=10&page_size=1000`, { headers: { authorization: auth } })
      ).json()) as { result_count: number; customers: Array<{ cust_id: number }> };
      expect(last.result_count).toBe(1_000);
      expect(new Set(last.customers.map((c) => c.cust_id)).size).toBe(1_000);
      expect(
        (await fetch(`${url}/v2/customers/paged?page=1&page_size=1001`, { headers: { authorization: auth } })).status,
      ).toBe(400);
    } finally {
      await provider.close();
      await emu.server.stop();
    }
  });
});
