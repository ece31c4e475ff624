import PgBoss from 'pg-boss';
import type { Store } from '../core/store/store.js';
import { reconcileIntentsJob } from '../modules/lifecycle/index.js';
import { syncJobs } from '../modules/sync/index.js';
import { deliverWebhooksJob } from '../modules/webhooks/index.js';
import { bulkOperationsJob } from '../modules/bulk/index.js';
import { accountMovesJob } from '../modules/moves/index.js';
import { SpanKind, withSpan } from '../lib/tracing.js';
import type { JobDefinition, JobDeps } from '../core/job.js';

/**
 * Background jobs on the store's own database through pg-boss 10: a queue per job type, cron schedules that
 * fire once per period across every replica, and workers that fetch with SKIP LOCKED, so each job runs once
 * however many processes run the runner. On PGlite pg-boss talks through the store's serialised connection
 * (`db.executeSql`); on Postgres it keeps its own small pool on the same database.
 *
 * Adding a job type (e.g. the mirror sync): write `src/modules/<module>/<name>.job.ts` exporting a factory that returns a
 * `JobDefinition` (name, optional cron, handler), and add it to `JOBS` below. Nothing else changes.
 */

/** The job types every runner serves (a factory may define several). */
const JOBS: Array<(deps: JobDeps) => JobDefinition | JobDefinition[]> = [
  reconcileIntentsJob,
  syncJobs,
  deliverWebhooksJob,
  bulkOperationsJob,
  accountMovesJob,
];

export interface JobRunnerOptions {
  /** Job types to serve (default: all of JOBS). */
  jobs?: JobDefinition[];
  /** Register cron schedules (default true). */
  schedule?: boolean;
  /** How long `stop()` waits for running jobs (default SHUTDOWN_GRACE_MS less 1 s, at least 1 s). */
  graceMs?: number;
  /** Poll interval override for every worker (tests). */
  pollingIntervalSeconds?: number;
  /** Run workers (default true). False: a sender only (queues are created, nothing is fetched or scheduled). */
  work?: boolean;
}

export interface JobRunner {
  readonly boss: PgBoss;
  /** Queues a job now; answers its id (null when the queue policy folded it into one already waiting). */
  send(name: string, data?: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Queues a job and waits until a worker (this process or another) finished it; answers its output. */
  runAndWait(name: string, data?: object, timeoutMs?: number): Promise<unknown>;
  /** Graceful: no new jobs are fetched, running ones finish (up to the grace period). */
  stop(): Promise<void>;
}

export async function startJobs(deps: JobDeps, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const { store, logger } = deps;
  const db = store.db;
  const definitions = options.jobs ?? JOBS.flatMap((make) => make(deps));
  const work = options.work ?? true;
  const schema = await bossSchema(store);
  const boss = new PgBoss({
    ...(db.kind === 'postgres' && db.url
      ? { connectionString: db.url, max: 4 }
      : { db: { executeSql: (text: string, values?: unknown[]) => db.executeSql(text, values) } }),
    schema,
    application_name: 'vpn-graph-jobs',
    schedule: work && (options.schedule ?? true),
    ...(work ? {} : { supervise: false }),
  });
  boss.on('error', (error: unknown) =>
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'job queue error'),
  );
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name, { name: def.name, policy: def.policy ?? 'stately' });
    if (!work) continue;
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? def.pollingIntervalSeconds;
    await boss.work<object>(
      def.name,
      { batchSize: 1, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) },
      async (jobs) => {
        const outputs: unknown[] = [];
        for (const job of jobs) {
          const started = Date.now();
          try {
            const attributes = { 'vpn.job.name': def.name, 'vpn.job.id': job.id };
            const output = await withSpan(`job ${def.name}`, { kind: SpanKind.CONSUMER, attributes, root: true }, () =>
              def.handler(job.data ?? {}, {
                id: job.id,
                send: (name, data = {}, sendOptions = {}) => boss.send(name, data, sendOptions),
              }),
            );
            logger.debug({ job: def.name, id: job.id, ms: Date.now() - started, output }, 'job done');
            outputs.push(output);
          } catch (error) {
            logger.warn(
              { job: def.name, id: job.id, err: error instanceof Error ? error.message : String(error) },
              'job failed',
            );
            throw error;
          }
        }
        return outputs.length === 1 ? outputs[0] : outputs;
      },
    );
    if (def.cron && (options.schedule ?? true)) await boss.schedule(def.name, def.cron);
  }
  const scheduling = work && (options.schedule ?? true);
  for (const def of definitions) {
    if (def.startNow === true || (def.startNow === 'with-schedule' && scheduling)) await boss.send(def.name, {});
  }
  // Running jobs get the process's grace period less a margin, so that past it pg-boss hands them back to the
  // queue (failWip, retried later) and the store still closes before SHUTDOWN_GRACE_MS forces the exit.
  const graceMs = options.graceMs ?? Math.max(1_000, deps.config.env.SHUTDOWN_GRACE_MS - 1_000);
  let stopping: Promise<void> | undefined;
  return {
    boss,
    send: (name, data = {}, sendOptions = {}) => boss.send(name, data, sendOptions),
    async runAndWait(name, data = {}, timeoutMs = 30_000) {
      const id = await boss.send(name, data, {});
      if (!id) throw new Error(`${name}: a job is already waiting`);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const job = await boss.getJobById(name, id);
        if (job?.state === 'completed') return job.output;
        if (job?.state === 'failed' || job?.state === 'cancelled') throw new Error(`${name} job ${id} ${job.state}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${name} job ${id} did not finish within ${timeoutMs} ms`);
    },
    stop() {
      stopping ??= boss.stop({ graceful: true, wait: true, close: true, timeout: Math.max(1_000, graceMs) });
      return stopping;
    },
  };
}

/**
 * Queues jobs from any process: through the runner when this process runs one, else through a send-only runner
 * started on first use (WORKER=off: the API queues, `npm run worker` works).
 */
export function jobSender(deps: JobDeps, running?: JobRunner): Pick<JobRunner, 'send'> & { stop(): Promise<void> } {
  let own: Promise<JobRunner> | undefined;
  return {
    async send(name, data, options) {
      const runner = running ?? (await (own ??= startJobs(deps, { work: false })));
      return runner.send(name, data, options);
    },
    async stop() {
      if (own) await (await own).stop();
    },
  };
}

/** pg-boss's own schema: `pgboss`, or `<schema>_pgboss` when the store lives in another schema (tests, tenants). */
async function bossSchema(store: Store): Promise<string> {
  const [row] = await store.db.query<{ s: string }>('SELECT current_schema() AS s');
  const current = row?.s ?? 'public';
  return current === 'public' ? 'pgboss' : `${current}_pgboss`;
}
