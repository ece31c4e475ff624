import { MOVE_JOB } from './moves.service.js';
import { MoveRunner } from './move-runner.js';
import { kickDeliveries, type SendJob } from '../webhooks/index.js';
import type { JobDefinition, JobDeps } from '../../core/job.js';

/**
 * Runs account moves: queued by moveAccount / retryAccountMove, every minute (cron: picks up moves whose runner
 * died, once their lease ran out) and once at start-up (a redeploy resumes at once).
 */
export function accountMovesJob(deps: JobDeps): JobDefinition<{ moveId?: string }> {
  const env = deps.config.env;
  let send: SendJob | undefined;
  const runner = new MoveRunner({
    registry: deps.registry,
    store: deps.store,
    logger: deps.logger,
    concurrency: env.MOVE_CONCURRENCY,
    leaseMs: env.BULK_LEASE_MS,
    maxAttempts: env.MOVE_MAX_ATTEMPTS,
    retryBaseMs: env.MOVE_RETRY_BASE_MS,
    noticeDays: env.EXPIRY_NOTICE_DAYS,
    reconcileWindowMs: env.RECONCILE_WINDOW_MS,
    intentLeaseMs: env.INTENT_LEASE_MS,
    onAppended: () => kickDeliveries(send, 'move'),
  });
  return {
    name: MOVE_JOB,
    cron: '* * * * *',
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
    startNow: true,
    handler: async (_data, job) => {
      send = job.send;
      return { ran: await runner.runAvailable() };
    },
  };
}
