import type { Env } from '../../config/config.js';
import { isProviderName } from '../../domain/provider.js';
import type { VpnProvider } from '../../providers/port.js';
import { createSyncService, syncRate } from './sync.service.js';
import type { SyncRun } from '../../domain/sync-log-records.js';
import type { ProviderName } from '../../domain/provider.js';
import type { SyncQueue } from '../../core/kernel.js';
import type { JobDefinition, JobDeps, JobSender } from '../../core/job.js';

/**
 * The mirror sync on the job queue.
 * - `sync-schedule` runs when the runner starts (the first sync does not wait for a tick) and every minute (pg-boss cron: once per minute across every replica) and queues one
 *   `sync-provider` job per provider whose SYNC_RATE_<PROVIDER> is not 0 (listing vendors also need
 *   SYNC_INTERVAL_MS > 0), at most one per provider per minute (pg-boss singletonKey + singletonSeconds).
 * - `sync-provider` with `scheduled: true` starts a run only when it is due — none going, none started within
 *   SYNC_INTERVAL_MS (full syncs) or a minute (refreshes), less TICK_SLACK_MS for the tick's jitter — decided
 *   atomically in the database (SyncLog.startIfDue), so a tick handled twice, or by several replicas, runs ONE sync.
 * - `sync-provider` with `runId`: executes a run started on demand (`syncProvider` mutation).
 */
export const SYNC_PROVIDER = 'sync-provider';
export const SYNC_SCHEDULE = 'sync-schedule';
/** Every minute: directory refreshes are per minute; full syncs are due every SYNC_INTERVAL_MS. */
export const SYNC_SCHEDULE_CRON = '* * * * *';
/** How early a scheduled run may come (pg-boss fires a cron minute within ~30 s). */
export const TICK_SLACK_MS = 20_000;

export interface SyncJobData {
  provider?: string;
  /** A run started on demand, to execute. */
  runId?: string;
  /** Queued by the schedule: run only when due. */
  scheduled?: boolean;
}

export interface SyncJobOutput {
  provider: string;
  runId: string | null;
  started: boolean;
  status: SyncRun['status'] | null;
  vendorCalls: number;
}

/** Whether the schedule syncs a provider at all. */
export function scheduledSync(env: Env, provider: VpnProvider): boolean {
  if (syncRate(env, provider.name) <= 0) return false;
  return !provider.features.listAccounts || env.SYNC_INTERVAL_MS > 0;
}

/** A scheduled run of this provider is not started when another started less than this ago. */
export function scheduledGapMs(env: Env, provider: VpnProvider): number {
  const period = provider.features.listAccounts ? env.SYNC_INTERVAL_MS : 60_000;
  return Math.max(period, 60_000) - TICK_SLACK_MS;
}

export function syncJobs(deps: JobDeps): JobDefinition[] {
  const env = deps.config.env;
  const sync = createSyncService(env, deps.store.db);
  const output = (provider: VpnProvider, run: SyncRun | null, started: boolean): SyncJobOutput => ({
    provider: provider.name,
    runId: run?.id ?? null,
    started,
    status: run?.status ?? null,
    vendorCalls: run?.vendorCalls ?? 0,
  });

  const schedule: JobDefinition = {
    name: SYNC_SCHEDULE,
    cron: SYNC_SCHEDULE_CRON,
    // A fresh replica starts warming the mirror at once (runs that are not due are still skipped).
    startNow: 'with-schedule',
    handler: async (_data, job) => {
      const queued: string[] = [];
      for (const provider of deps.registry.all()) {
        if (!scheduledSync(env, provider)) continue;
        const id = await job.send(SYNC_PROVIDER, { provider: provider.name, scheduled: true } satisfies SyncJobData, {
          singletonKey: `scheduled:${provider.name}`,
          singletonSeconds: 60,
          retryLimit: 0,
        });
        if (id) queued.push(provider.name);
      }
      return { queued };
    },
  };

  const run: JobDefinition<SyncJobData> = {
    name: SYNC_PROVIDER,
    // Duplicates are folded by the database (one RUNNING run per provider; startIfDue), not by the queue:
    // a stately queue would make a second replica's fetch fail while a long sync of the same key runs.
    policy: 'standard',
    handler: async (data) => {
      if (typeof data.provider !== 'string' || !isProviderName(data.provider)) {
        throw new Error(`${SYNC_PROVIDER}: unknown provider ${String(data.provider)}`);
      }
      const provider = deps.registry.get(data.provider);
      if (data.runId) {
        const [pending] = await sync.log.runs([data.runId]);
        if (!pending || pending.status !== 'RUNNING') return output(provider, pending ?? null, false);
        return output(provider, await sync.execute(provider, pending), true);
      }
      if (data.scheduled) {
        const due = await sync.beginScheduled(provider, scheduledGapMs(env, provider));
        if (!due.started || !due.run) return output(provider, null, false);
        return output(provider, await sync.execute(provider, due.run, { budget: due.budget }), true);
      }
      const { run: current, started } = await sync.begin(provider);
      return output(provider, started ? await sync.execute(provider, current) : current, started);
    },
  };
  return [schedule, run];
}

/** The queue `syncProvider` hands its run to: a `sync-provider` job that executes that run. */
export function syncQueueOn(sender: JobSender): SyncQueue {
  return {
    async enqueue(provider: ProviderName, runId: string) {
      const id = await sender.send(SYNC_PROVIDER, { provider, runId } satisfies SyncJobData, { retryLimit: 0 });
      if (!id) throw new Error(`${SYNC_PROVIDER}: the job was not queued`);
    },
  };
}
