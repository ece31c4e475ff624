import { loadConfig } from '../../../src/config/config.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { startJobs, type JobRunner } from '../../../src/main/job-runner.js';
import { SYNC_PROVIDER, SYNC_SCHEDULE, syncJobs, type SyncJobOutput } from '../../../src/modules/sync/sync.job.js';
import { createLogger } from '../../../src/lib/logger.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import type { SyncRun } from '../../../src/domain/sync-log-records.js';
import { openPostgresSchema, type OpenedBackend } from '../../helpers/backends.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

/**
 * The sync on the job queue: the sync job runs through pg-boss on PGlite; and with two job runners on one
 * Postgres schema (two replicas), a schedule tick — even handled several times — makes ONE run per provider.
 */
const RATES = { SYNC_RATE_PUREWL: '4', SYNC_RATE_PUREVPN: '3', SYNC_RATE_WLVPN: '60', SYNC_RATE_VPNRESELLERS: '60' };
const ENV = { PORT: '0', LOG_LEVEL: 'silent', SYNC_INTERVAL_MS: '300000', ...RATES };

async function runsOf(log: SyncLog): Promise<SyncRun[]> {
  return (await log.recentRuns({ limit: 100, offset: 0 })).items;
}

/** Waits until no sync job is waiting or running on any of the runners' queues. */
async function drained(runner: JobRunner, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const waiting =
      (await runner.boss.getQueueSize(SYNC_SCHEDULE, { before: 'completed' })) +
      (await runner.boss.getQueueSize(SYNC_PROVIDER, { before: 'completed' }));
    if (waiting === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('sync jobs did not finish');
}

describe('sync job through pg-boss on PGlite', () => {
  let t: TestApp;
  let jobs: JobRunner;
  beforeAll(async () => {
    t = await startTestApp(RATES);
    jobs = await startJobs(
      { config: loadConfig(ENV), store: t.store, registry: t.app.registry, logger: createLogger('silent') },
      { schedule: false, pollingIntervalSeconds: 0.5 },
    );
  });
  afterAll(async () => {
    await jobs.stop();
    await t.stop();
  });

  it('a sync-provider job runs a full sync of WLVPN in one list call and records the run', async () => {
    t.resetUpstream();
    const output = (await jobs.runAndWait(SYNC_PROVIDER, { provider: ProviderName.WLVPN })) as SyncJobOutput;
    expect(output).toMatchObject({ provider: 'WLVPN', started: true, status: 'SUCCEEDED' });
    // One list call, then detail reads of what WLVPN's list cannot see (plan, plan-based expiry), one per
    // account, within the rate: 60 calls in the minute at most.
    expect(output.vendorCalls).toBeGreaterThan(1);
    expect(output.vendorCalls).toBeLessThanOrEqual(60);
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/paged')).toBe(1);
    expect(t.upstream(ProviderName.WLVPN)).toBe(output.vendorCalls);
    const [run] = await new SyncLog(t.store.db).runs([output.runId!]);
    expect(run).toMatchObject({ provider: 'WLVPN', mode: 'FULL', status: 'SUCCEEDED' });
    expect(run!.seen).toBeGreaterThanOrEqual(55);
  });

  it('the schedule tick queues one job per provider with a rate; a directory refresh reads its budget', async () => {
    const log = new SyncLog(t.store.db);
    const before = (await runsOf(log)).length;
    t.resetUpstream();
    expect(await jobs.runAndWait(SYNC_SCHEDULE, {})).toEqual({
      queued: ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN'],
    });
    await drained(jobs);
    const runs = (await runsOf(log)).slice(0, (await runsOf(log)).length - before);
    // WLVPN was synced a moment ago (not due again); the three others run once.
    expect(runs.map((r) => r.provider).sort()).toEqual(['PUREVPN', 'PUREWL', 'VPNRESELLERS']);
    expect(runs.find((r) => r.provider === ProviderName.PUREWL)).toMatchObject({
      mode: 'REFRESH',
      seen: 4,
      vendorCalls: 4,
    });
    expect(runs.find((r) => r.provider === ProviderName.PUREVPN)).toMatchObject({
      mode: 'REFRESH',
      seen: 3,
      vendorCalls: 3,
    });
    expect(t.upstream(ProviderName.WLVPN)).toBe(0);
  });

  it('the schedule is a pg-boss cron every minute', () => {
    const config = loadConfig(ENV);
    const [schedule] = syncJobs({ config, store: t.store, registry: t.app.registry, logger: createLogger('silent') });
    expect(schedule).toMatchObject({ name: SYNC_SCHEDULE, cron: '* * * * *' });
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
(PG_URL ? describe : describe.skip)('two job runners on one Postgres (two replicas)', () => {
  let backend: OpenedBackend;
  let t: TestApp;
  let a: JobRunner;
  let b: JobRunner;
  let log: SyncLog;
  beforeAll(async () => {
    backend = await openPostgresSchema(PG_URL!);
    t = await startTestApp(RATES, { store: backend.store });
    const deps = { config: loadConfig(ENV), store: t.store, registry: t.app.registry, logger: createLogger('silent') };
    a = await startJobs(deps, { schedule: false, pollingIntervalSeconds: 0.5 });
    b = await startJobs(deps, { schedule: false, pollingIntervalSeconds: 0.5 });
    log = new SyncLog(t.store.db);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await t.stop().catch(() => undefined);
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${await schemaOf(backend)}_pgboss CASCADE`);
    await c.end();
    await backend.cleanup().catch(() => undefined);
  });

  async function schemaOf(opened: OpenedBackend): Promise<string> {
    return decodeURIComponent(opened.url!).match(/search_path=(\w+)/)![1]!;
  }

  it('one tick handled by both replicas (and scheduled jobs sent twice by each) makes one run per provider', async () => {
    t.resetUpstream();
    // Both replicas fire the tick, twice; and each also queues the scheduled WLVPN job twice itself.
    await Promise.all([
      a.send(SYNC_SCHEDULE, {}),
      b.send(SYNC_SCHEDULE, {}),
      a.send(SYNC_SCHEDULE, {}),
      b.send(SYNC_SCHEDULE, {}),
      ...[a, b, a, b].map((r) => r.send(SYNC_PROVIDER, { provider: ProviderName.WLVPN, scheduled: true })),
    ]);
    await drained(a);
    await new Promise((r) => setTimeout(r, 1_000));
    await drained(b);
    const runs = await runsOf(log);
    expect(runs.map((r) => r.provider).sort()).toEqual(['PUREVPN', 'PUREWL', 'VPNRESELLERS', 'WLVPN']);
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    // One paged list call at WLVPN (about 55 accounts), whatever the number of jobs; its detail reads are the
    // one run's own.
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/paged')).toBe(1);
    expect(t.upstream(ProviderName.WLVPN)).toBe(runs.find((r) => r.provider === ProviderName.WLVPN)!.vendorCalls);
    expect(runs.find((r) => r.provider === ProviderName.PUREWL)).toMatchObject({ mode: 'REFRESH', vendorCalls: 4 });

    // The next tick comes too soon for every provider: nothing runs, no vendor is called.
    t.resetUpstream();
    await Promise.all([a.send(SYNC_SCHEDULE, {}), b.send(SYNC_SCHEDULE, {})]);
    await drained(a);
    await drained(b);
    expect(await runsOf(log)).toHaveLength(4);
    expect(t.upstream()).toBe(0);
  }, 60_000);
});
