import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { hashIntentInput } from '../../../src/lib/intent-hash.js';
import { startJobs, type JobRunner } from '../../../src/main/job-runner.js';
import { RECONCILE_INTENTS } from '../../../src/modules/lifecycle/reconcile-intents.job.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/lib/logger.js';
import pg from 'pg';
import { openStore, type Store } from '../../../src/core/store/store.js';
import { create, createInput, directoryUsernames, unresolved, vendorUsernames } from './helpers.js';

/**
 * Leases instead of 24-hour locks (issue #20, defect 2): an intent left pending by an owner that died
 * (kill -9 mid-create) is taken over after INTENT_LEASE_MS by a retry with the same key, or by the
 * reconciler job, which runs through pg-boss on the store's PGlite.
 */
const LEASE_MS = 600;

const PG_URL = process.env.TEST_DATABASE_URL;
const backends: Array<[string, () => Promise<{ store?: Store; cleanup(): Promise<void> }>]> = [
  ['pglite', async () => ({ cleanup: async () => undefined })],
];
if (PG_URL) {
  backends.push([
    'postgres',
    async () => {
      const schema = `intents_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const store = await openStore({
        url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      });
      return {
        store,
        cleanup: async () => {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`DROP SCHEMA ${schema} CASCADE`);
          await c.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
          await c.end();
        },
      };
    },
  ]);
}

describe.each(backends)('dead owners: leases and the reconciler (%s)', (_backend, open) => {
  let t: TestApp;
  let jobs: JobRunner;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    t = await startTestApp(
      { INTENT_LEASE_MS: String(LEASE_MS), RECONCILE_WINDOW_MS: '300', BREAKER_THRESHOLD: '1000' },
      opened.store ? { store: opened.store } : {},
    );
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      INTENT_LEASE_MS: String(LEASE_MS),
      RECONCILE_WINDOW_MS: '300',
    });
    const started = Date.now();
    jobs = await startJobs(
      { config, store: t.store, registry: t.app.registry, logger: createLogger('silent') },
      { schedule: false, pollingIntervalSeconds: 0.5 },
    );
    process.stdout.write(`pg-boss on ${_backend} started in ${Date.now() - started} ms\n`);
  });
  afterAll(async () => {
    await jobs.stop();
    await t.stop();
    await cleanup();
  });

  /** What a process killed mid-create leaves behind: the claim and its intent, pending, its lease running out. */
  async function deadOwnerIntent(input: {
    key: string | null;
    username: string | null;
    provider?: ProviderName;
    leaseMs?: number;
  }) {
    const provider = input.provider ?? ProviderName.WLVPN;
    const result = await t.store.intents.begin({
      key: input.key ? `reseller:createAccount:${input.key}` : null,
      operation: 'createAccount',
      provider,
      inputHash: hashIntentInput({ provider, ...(input.key && input.username ? { username: input.username } : {}) }),
      username: input.username,
      context: { customerRef: null },
      owner: 'killed-process:1:deadbeef',
      leaseMs: input.leaseMs ?? LEASE_MS,
    });
    if (result.kind !== 'claimed') throw new Error(`expected a fresh intent, got ${result.kind}`);
    return result.intent;
  }

  it("2. a retry takes over a dead owner's create that never reached the vendor: waits for the lease only, then creates once", async () => {
    const before = vendorUsernames(t, ProviderName.WLVPN);
    const intent = await deadOwnerIntent({ key: 'lease-a', username: 'lease_a_user' });
    const started = Date.now();
    const answer = await create(t, createInput(ProviderName.WLVPN, 'lease-a', 'lease_a_user'));
    const waited = Date.now() - started;
    expect(answer.userErrors).toEqual([]);
    expect(answer.account?.username).toBe('lease_a_user');
    expect(answer.password).toBeTruthy();
    expect(waited).toBeGreaterThanOrEqual(LEASE_MS - 100); // it waited for the lease (an ordering, not a bound)
    expect([...vendorUsernames(t, ProviderName.WLVPN)].filter((u) => !before.has(u))).toEqual(['lease_a_user']);
    expect(await t.store.intents.get(intent.id)).toMatchObject({ state: 'succeeded', attempt: 2 });
    process.stdout.write(`lease takeover by a retry after ${waited} ms (lease ${LEASE_MS} ms)\n`);
  });

  it("2. a retry takes over a dead owner's create that DID reach the vendor: finds it, registers it, hands out a fresh password once", async () => {
    const wlvpn = t.app.registry.get(ProviderName.WLVPN);
    const intent = await deadOwnerIntent({ key: 'lease-b', username: 'lease_b_user', leaseMs: 1 });
    await wlvpn.createAccount({ username: 'lease_b_user', password: 'Only-the-dead-knew-1' }); // the dead owner's write
    const before = vendorUsernames(t, ProviderName.WLVPN);
    const answer = await create(t, createInput(ProviderName.WLVPN, 'lease-b', 'lease_b_user'));
    expect(answer).toMatchObject({ replayed: true, userErrors: [], account: { username: 'lease_b_user' } });
    expect(answer.password).toBeTruthy();
    expect(answer.password).not.toBe('Only-the-dead-knew-1');
    expect(vendorUsernames(t, ProviderName.WLVPN)).toEqual(before); // nothing new at the vendor
    expect(await directoryUsernames(t, ProviderName.WLVPN)).toContain('lease_b_user');
    const again = await create(t, createInput(ProviderName.WLVPN, 'lease-b', 'lease_b_user'));
    expect(again).toMatchObject({ replayed: true, password: null, account: { id: answer.account?.id } });
    expect(await t.store.intents.get(intent.id)).toMatchObject({ state: 'succeeded', credentialsDelivered: true });
  });

  it('a live owner is waited for (one write), and a retry while it works never writes', async () => {
    const before = vendorUsernames(t, ProviderName.VPNRESELLERS);
    const input = createInput(ProviderName.VPNRESELLERS, 'live-owner', 'live_owner_user');
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(t, input)));
    expect([...vendorUsernames(t, ProviderName.VPNRESELLERS)].filter((u) => !before.has(u))).toEqual([
      'live_owner_user',
    ]);
    expect(new Set(answers.map((a) => a.account?.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it("the reconciler job (pg-boss on PGlite) settles dead owners' intents: found → directory, absent → free, no handle → listed", async () => {
    const wlvpn = t.app.registry.get(ProviderName.WLVPN);
    const found = await deadOwnerIntent({ key: null, username: 'reconciled_found', leaseMs: 1 });
    await wlvpn.createAccount({ username: 'reconciled_found', password: 'Dead-owner-pass-1' });
    const absent = await deadOwnerIntent({ key: 'job-absent', username: 'reconciled_absent', leaseMs: 1 });
    const blind = await deadOwnerIntent({ key: null, username: null, provider: ProviderName.PUREVPN, leaseMs: 1 });
    const live = await deadOwnerIntent({ key: null, username: 'still_working', leaseMs: 60_000 });
    await new Promise((r) => setTimeout(r, 20));
    const output = (await jobs.runAndWait(RECONCILE_INTENTS, {}, 20_000)) as Record<string, number>;
    process.stdout.write(`reconcile-intents job output: ${JSON.stringify(output)}\n`);
    expect(output.applied).toBeGreaterThanOrEqual(1);
    expect(await t.store.intents.get(found.id)).toMatchObject({ state: 'succeeded', credentialsDelivered: false });
    expect(await directoryUsernames(t, ProviderName.WLVPN)).toContain('reconciled_found');
    expect(await t.store.intents.get(absent.id)).toMatchObject({ state: 'failed', retryAllowed: true });
    expect(await t.store.intents.get(blind.id)).toMatchObject({ state: 'unknown', lastErrorCode: 'OUTCOME_UNKNOWN' });
    expect(await t.store.intents.get(live.id)).toMatchObject({
      state: 'pending',
      leaseOwner: 'killed-process:1:deadbeef',
    }); // a live lease is never taken
    const open = await unresolved(t);
    expect(open.map((i) => i.id)).toContain(blind.id);
    expect(open.map((i) => i.id)).not.toContain(found.id);
    // the key whose write was confirmed absent runs again: one account
    const before = vendorUsernames(t, ProviderName.WLVPN);
    const answer = await create(t, createInput(ProviderName.WLVPN, 'job-absent', 'reconciled_absent'));
    expect(answer).toMatchObject({ userErrors: [], account: { username: 'reconciled_absent' } });
    expect([...vendorUsernames(t, ProviderName.WLVPN)].filter((u) => !before.has(u))).toEqual(['reconciled_absent']);
  });

  it('unresolvedIntents is for operators only', async () => {
    const res = await t.gql('{ unresolvedIntents(first: 1) { totalCount } }', {}, { authorization: 'Bearer nope' });
    expect(res.errors?.length ?? 0).toBeGreaterThan(0);
  });
});
