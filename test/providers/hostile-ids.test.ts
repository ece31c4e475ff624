import { ErrorCode, ProviderError } from '../../src/domain/errors.js';
import { ProviderName } from '../../src/providers/modules.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { nativeIdProblem, pathProblem } from '../../src/providers/native-ids.js';
import type { AnyProviderModule, ProviderSandbox } from '../../src/providers/module.js';
import { PROVIDER_MODULES } from '../../src/providers/modules.js';
import type { VpnProvider } from '../../src/providers/port.js';
import { MemoryDirectory } from '../helpers/directory.js';

/**
 * Hostile native ids (issue #19 item 1): ids that would rewrite a vendor URL (dot segments in any form),
 * empty, over-long, with control characters, or outside the vendor's own rules answer VALIDATION and make
 * no vendor call — counted at the emulators. An id the vendor allows reaches exactly its own URL.
 */

const HOSTILE: Array<[string, string]> = [
  ['.', '.'],
  ['..', '..'],
  ['./x', './x'],
  ['x/..', 'x/..'],
  ['a/b', 'a/b'],
  ['a?b', 'a?b'],
  ['a#b', 'a#b'],
  ['%2e%2e', '%2e%2e'],
  ['%2E%2E/x', '%2E%2E/x'],
  ['%252e%252e', '%252e%252e'],
  ['empty', ''],
  ['10,000 characters', 'a'.repeat(10_000)],
  ['control characters', 'ab\u0000c\n'],
  ['non-ASCII', 'üser'],
];

/** Every entry point that hands an id to the vendor, called with `id` in the id's place. */
const ENTRY_POINTS: Array<[string, (p: VpnProvider, id: string) => Promise<unknown>]> = [
  ['getAccounts', (p, id) => p.getAccounts([id])],
  ['getAccountsByUsername', (p, id) => p.getAccountsByUsername([id])],
  ['findAccountByUsername', (p, id) => p.findAccountByUsername(id)],
  ['enableAccount', (p, id) => p.enableAccount(id)],
  ['disableAccount', (p, id) => p.disableAccount(id)],
  ['renewAccount', (p, id) => p.renewAccount(id, { periodDays: 30 })],
  ['extendAccount', (p, id) => p.extendAccount(id, '2031-01-01')],
  ['expireAccount', (p, id) => p.expireAccount(id)],
  ['changePassword', (p, id) => p.changePassword(id, 'Abcdefgh12345')],
  ['changePlan', (p, id) => p.changePlan(id, 'paid')],
  ['closeAccount', (p, id) => p.closeAccount(id)],
  ['deleteAccount', (p, id) => p.deleteAccount(id)],
  ['reopenAccount', (p, id) => p.reopenAccount(id)],
  ['anonymiseAccount', (p, id) => p.anonymiseAccount(id)],
  ['setBandwidthLimit', (p, id) => p.setBandwidthLimit(id, 1024)],
  ['revokeSessions', (p, id) => p.revokeSessions(id)],
  ['getUsage', (p, id) => p.getUsage([id], { from: '2025-01-01', to: '2025-01-02' })],
  ['getConnectionConfigs (account)', (p, id) => p.getConnectionConfigs(id, '1')],
  ['getConnectionConfigs (server)', (p, id) => p.getConnectionConfigs('1', id)],
  ['getCustomers', (p, id) => p.getCustomers([id])],
  ['updateCustomer', (p, id) => p.updateCustomer(id, { firstName: 'X' })],
  ['deleteCustomer', (p, id) => p.deleteCustomer(id)],
  ['getProjects', (p, id) => p.getProjects([id])],
  ['updateProject', (p, id) => p.updateProject(id, { name: 'n', description: 'd' })],
  ['deleteProject', (p, id) => p.deleteProject(id)],
  ['listAccounts by customer', (p, id) => p.listAccounts({ offset: 0, limit: 10, filter: { customerNativeId: id } })],
  ['listAccounts by project', (p, id) => p.listAccounts({ offset: 0, limit: 10, filter: { projectNativeId: id } })],
  ['listCustomers by project', (p, id) => p.listCustomers({ offset: 0, limit: 10, filter: { projectNativeId: id } })],
  [
    'createAccount for a customer',
    (p, id) =>
      p.createAccount({ username: 'hostile1', password: 'Abcdefgh12345', periodDays: 30, customerNativeId: id }),
  ],
];

/** Entry points whose id is of a kind the vendor does not have (only the shared rules apply, see rules.ts). */
const KIND_OF: Record<string, 'account' | 'username' | 'customer' | 'project' | 'server'> = {
  getCustomers: 'customer',
  updateCustomer: 'customer',
  deleteCustomer: 'customer',
  'listAccounts by customer': 'customer',
  'createAccount for a customer': 'customer',
  getProjects: 'project',
  updateProject: 'project',
  deleteProject: 'project',
  'listAccounts by project': 'project',
  'listCustomers by project': 'project',
  'getConnectionConfigs (server)': 'server',
  getAccountsByUsername: 'username',
  findAccountByUsername: 'username',
};

/** A slot or a throw, as one value. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    return Array.isArray(value) && value.length === 1 && value[0] instanceof ProviderError ? value[0] : value;
  } catch (error) {
    return error;
  }
}

describe('shared id rules', () => {
  it.each(HOSTILE.filter(([, id]) => !['a/b', 'a?b', 'a#b', 'üser'].includes(id)))('refuses %s', (_name, id) => {
    expect(nativeIdProblem(id)).not.toBeNull();
  });
  it('lets ordinary ids through, and refuses paths a URL parser would rewrite', () => {
    for (const id of ['12', 'a/b', 'user@example.com', '...', 'a.b', 'x..y']) expect(nativeIdProblem(id)).toBeNull();
    for (const path of ['v4_1/accounts/..', 'v4_1/accounts/%2E%2e/disable', 'v2/customers/', 'v2//x', 'a/./b'])
      expect(pathProblem(path)).not.toBeNull();
    expect(pathProblem('v2/customers/username/a%2Fb')).toBeNull();
  });
});

describe.each(PROVIDER_MODULES.map((m) => [m.name, m] as const))(
  '%s: hostile ids',
  (name, module: AnyProviderModule) => {
    let sandbox: ProviderSandbox;
    let provider: VpnProvider;

    beforeAll(async () => {
      sandbox = (await module.sandbox())({ seed: 3 });
      const url = await sandbox.handle.server.start();
      provider = module.create({
        baseUrl: sandbox.baseUrlFor(url),
        credentials: sandbox.credentials,
        network: { ...DEFAULT_NETWORK, retries: 0 },
        directory: new MemoryDirectory(),
        sandbox: true,
      });
    });
    afterAll(async () => {
      await provider.close();
      await sandbox.handle.server.stop();
    });

    /**
     * The ids this vendor's own rules allow somewhere: they must be sent, to their own URL. An empty id in an
     * optional filter or input (customerNativeId: '') means "not given", as it always did.
     */
    const allowed = (entry: string, id: string): boolean =>
      (id === '' && /^(listAccounts|listCustomers|createAccount) /.test(entry)) ||
      (name === ProviderName.WLVPN && id === 'a/b' && KIND_OF[entry] === 'username') ||
      (name !== ProviderName.VPNRESELLERS &&
        ['customer', 'project', 'server'].includes(KIND_OF[entry] ?? '') &&
        ['a/b', 'a?b', 'a#b', 'üser'].includes(id));

    const cases = HOSTILE.flatMap(([idName, id]) =>
      ENTRY_POINTS.map(([entry, call]) => [idName, entry, id, call] as const),
    );
    it.each(cases)('%s → %s: VALIDATION, no vendor call', async (_idName, entry, id, call) => {
      if (allowed(entry, id)) return; // covered below
      sandbox.handle.server.resetStats();
      const result = await outcome(() => call(provider, id));
      expect(result).toBeInstanceOf(ProviderError);
      expect(result).toMatchObject({ code: ErrorCode.VALIDATION, provider: name });
      expect((result as ProviderError).message.length).toBeLessThan(300); // the id is never echoed
      expect(sandbox.handle.server.count()).toBe(0);
    });

    if (name === ProviderName.WLVPN) {
      it('sends a username with a slash percent-encoded, so it reaches that username’s own route', async () => {
        sandbox.handle.server.resetStats();
        expect(await provider.getAccountsByUsername(['a/b'])).toEqual([null]);
        expect(await provider.findAccountByUsername('a/b')).toBeNull();
        expect(sandbox.handle.server.stats.byRoute).toEqual({
          'GET /v2/customers/username/:username': 1,
          'GET /v2/customers/username_exists/:username': 1,
        });
        const created = await provider.createAccount({ username: 'team/a~b+c@x.io', password: 'Secret12345' });
        const [found] = await provider.getAccountsByUsername(['team/a~b+c@x.io']);
        expect(found).toMatchObject({ nativeId: created.account.nativeId, username: 'team/a~b+c@x.io' });
        expect(await provider.findAccountByUsername('team/a~b+c@x.io')).toMatchObject({
          nativeId: created.account.nativeId,
        });
      });
    }

    it('a batch with one hostile id still reads the others (one slot each)', async () => {
      const good = sandbox.handle.demoUsernames()[0]!;
      const slots = await provider.getAccountsByUsername(['..', good]);
      expect(slots[0]).toMatchObject({ code: ErrorCode.VALIDATION });
      expect(slots[1]).toMatchObject({ username: good });
    });
  },
);
