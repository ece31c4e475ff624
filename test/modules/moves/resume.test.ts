import { createLogger } from '../../../src/lib/logger.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { MoveRunner } from '../../../src/modules/moves/move-runner.js';
import { MoveStore, type MovePatch } from '../../../src/modules/moves/moves.store.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';
import { storeCustomer } from '../../security/scopes/helpers.js';
import { move, retiredAtVendor, source, vendorUsernames, POLL, type MoveView } from './helpers.js';

/**
 * A runner that dies at a step boundary — after the vendor write of a step landed, before the move recorded it
 * (its save throws, as a process killed there would never save) — leaves the move RUNNING under a lease that
 * runs out; the next runner resumes from the saved step and the step's derived key makes the vendor write
 * happen once: one create at the target, one retire at the source (counted at the emulators), one ACCOUNT_MOVED
 * per account. On the real process, `kill -9` rounds are the job of test/crash (not yet for moves).
 */
const LEASE_MS = 300;
const BOUNDARIES: Array<[string, (patch: MovePatch) => boolean]> = [
  ['after the create landed', (p) => p.step === 'RETIRE'],
  ['after the retire landed', (p) => p.step === 'REPOINT'],
  ['inside the re-point transaction', (p) => p.status === 'COMPLETED'],
];

describe.each(storeBackends)('a move resumes exactly once after its runner dies (%s)', (_name, open) => {
  let backend: OpenedBackend;
  let t: TestApp;
  let customer: string;
  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({ WORKER: 'off' }, { store: backend.store });
    customer = await storeCustomer(t, 'resume');
  }, 60_000);
  afterAll(async () => {
    await t.app.stop();
    await backend.cleanup();
  });

  function runner(): MoveRunner {
    return new MoveRunner({
      registry: t.app.registry,
      store: t.store,
      logger: createLogger('silent'),
      concurrency: 1,
      leaseMs: LEASE_MS,
      maxAttempts: 3,
      retryBaseMs: 20,
    });
  }

  it.each(BOUNDARIES)(
    'VPNresellers → WLVPN, dying %s',
    async (label, dies) => {
      const src = await source(t, ProviderName.VPNRESELLERS, customer, `resume-src-${label}`);
      const before = vendorUsernames(t, ProviderName.WLVPN);
      const deletes = () => t.emulator(ProviderName.VPNRESELLERS).server.count('DELETE /v4_1/accounts/:account');
      const deletesBefore = deletes();
      const asked = await move(t, {
        accountId: src.id,
        toProvider: ProviderName.WLVPN,
        idempotencyKey: `resume-${label}`,
      });
      expect(asked.userErrors).toEqual([]);

      // The first runner dies at the boundary: the save that would record the step never happens.
      const save = MoveStore.prototype.save;
      let died = 0;
      MoveStore.prototype.save = function (this: MoveStore, ...args: Parameters<MoveStore['save']>) {
        if (died === 0 && dies(args[2])) {
          died++;
          return Promise.reject(new Error('killed'));
        }
        return save.apply(this, args);
      };
      try {
        expect(await runner().runAvailable()).toBe(1);
      } finally {
        MoveStore.prototype.save = save;
      }
      expect(died).toBe(1);
      const halfway = (await t.gql<{ node: MoveView }>(POLL, { id: asked.accountMove!.id })).data!.node;
      expect(halfway.status).toBe('RUNNING');

      // Nothing runs it while the dead runner's lease holds; then the next runner resumes it.
      await new Promise((r) => setTimeout(r, LEASE_MS + 100));
      expect(await runner().runAvailable()).toBe(1);
      const done = (await t.gql<{ node: MoveView }>(POLL, { id: asked.accountMove!.id })).data!.node;
      expect(done.status).toBe('COMPLETED');
      expect([...vendorUsernames(t, ProviderName.WLVPN)].filter((u) => !before.has(u))).toEqual([done.targetUsername]);
      expect(retiredAtVendor(t, ProviderName.VPNRESELLERS, src.username)).toBe(true);
      expect(deletes() - deletesBefore).toBe(1);
      const events = await t.store.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM account_events WHERE kind = 'ACCOUNT_MOVED' AND data ->> 'moveId' = $1",
        [done.id],
      );
      expect(events[0]!.n).toBe(2);
    },
    60_000,
  );
});
