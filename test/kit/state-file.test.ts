import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStatus } from '../../src/domain/records.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import type { AnyProviderModule } from '../../src/providers/module.js';
import type { CreateAccountInput } from '../../src/providers/port.js';
import { purewlModule } from '../../src/providers/purewl/index.js';
import { vpnresellersModule } from '../../src/providers/vpnresellers/index.js';
import { wlvpnModule } from '../../src/providers/wlvpn/index.js';
import { purevpnModule } from '../../src/providers/purevpn/index.js';
import { EmulatorServer } from '../../src/sandbox/emulator-kit.js';
import { StateFile } from '../../src/sandbox/persistence.js';
import { MemoryDirectory } from '../helpers/directory.js';

/** Sandbox state that survives a restart (issue #20): EmulatorOptions.stateFile, through the kit's StateFile. */

const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('StateFile', () => {
  it('coalesces a burst of changes into one atomic rewrite, and skips writes that change nothing', async () => {
    let state = { n: 0 };
    const file = new StateFile(
      join(dir, 'burst.json'),
      'burst',
      { snapshot: () => state, restore: (s) => (state = s) },
      10,
    );
    expect(file.load()).toBe(false); // no file: the seeded state is written
    expect(file.writes).toBe(1);
    for (let i = 0; i < 100; i++) {
      state = { n: i + 1 };
      file.schedule();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(file.writes).toBe(2);
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual({ emulator: 'burst', version: 1, state: { n: 100 } });
    file.schedule();
    file.flush();
    expect(file.writes).toBe(2); // unchanged state: no rewrite
  });

  it('a read saves later than a write (a burst of reads costs one comparison), and a write brings it forward', () => {
    jest.useFakeTimers();
    try {
      let state = { n: 0 };
      const file = new StateFile(
        join(dir, 'reads.json'),
        'reads',
        { snapshot: () => state, restore: (s) => (state = s) },
        10,
      );
      file.load();
      const written = () => (JSON.parse(readFileSync(file.path, 'utf8')) as { state: { n: number } }).state.n;
      state = { n: 1 }; // a read that changed the state (WLVPN closing an account whose close_date passed)
      for (let i = 0; i < 50; i++) file.schedule(true);
      jest.advanceTimersByTime(500);
      expect(written()).toBe(0); // not yet: reads wait
      jest.advanceTimersByTime(500);
      expect(written()).toBe(1);
      expect(file.writes).toBe(2);
      state = { n: 2 };
      file.schedule(true);
      jest.advanceTimersByTime(5);
      file.schedule(); // a write: saved `delayMs` after it, not a second after the read
      jest.advanceTimersByTime(10);
      expect(written()).toBe(2);
      jest.advanceTimersByTime(2000);
      expect(file.writes).toBe(3); // the read's save was replaced, not run again
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a file written by another emulator', () => {
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ emulator: 'wlvpn', version: 1, state: {} }));
    expect(() =>
      new EmulatorServer('purewl', { stateFile: join(dir, 'other.json') }).persist({
        snapshot: () => ({}),
        restore: () => undefined,
      }),
    ).toThrow(/not of purewl/);
  });
});

const CASES: Array<[AnyProviderModule, CreateAccountInput]> = [
  [
    purewlModule,
    { externalCustomerRef: 'cust-persist', periodDays: 5, username: 'persist1', password: 'Persist12345X' },
  ],
  [vpnresellersModule, { username: 'persist-vr', password: 'secret123' }],
  [wlvpnModule, { username: 'persist-wl', password: 'Secret12345' }],
  [purevpnModule, { periodDays: 30 }],
];

describe.each(CASES.map(([m, input]) => [m.name, m, input] as const))(
  '%s emulator with a stateFile',
  (name, module, input) => {
    const stateFile = join(dir, `${name}.json`);

    const boot = async () => {
      const sandbox = (await module.sandbox())({ seed: 21, stateFile });
      const url = await sandbox.handle.server.start();
      const directory = new MemoryDirectory();
      const provider = module.create({
        baseUrl: sandbox.baseUrlFor(url),
        credentials: sandbox.credentials,
        network: { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 },
        directory,
        sandbox: true,
      });
      return { sandbox, provider, directory };
    };

    it('keeps an account created and disabled before a restart, with its status', async () => {
      const first = await boot();
      const { account } = await first.provider.createAccount(input);
      await first.provider.disableAccount(account.nativeId);
      const seeded = first.sandbox.handle.demoUsernames();
      await first.provider.close();
      await first.sandbox.handle.server.stop();

      const second = await boot();
      try {
        expect(second.sandbox.handle.demoUsernames()).toEqual(seeded); // restored, not re-seeded
        second.directory.add(module.name, account.username);
        const [again] = await second.provider.getAccounts([account.nativeId]);
        expect(again).toMatchObject({ username: account.username, status: AccountStatus.DISABLED });
        // and the restored emulator keeps counting from where it was: a new account gets a new id
        const next = await second.provider.createAccount({
          ...input,
          ...(input.username ? { username: `${input.username.replace(/\W/g, '')}2` } : {}),
        });
        expect(next.account.nativeId).not.toBe(account.nativeId);
      } finally {
        await second.provider.close();
        await second.sandbox.handle.server.stop();
      }
    });
  },
);
