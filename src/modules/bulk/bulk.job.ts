import { BULK_JOB, bulkRate } from './bulk.service.js';
import { BulkRunner } from './bulk-runner.js';
import { kickDeliveries, type SendJob } from '../webhooks/index.js';
import type { JobDefinition, JobDeps } from '../../core/job.js';

/**
 * Runs bulk operations: queued by startBulkAccountOperation, every minute (cron: picks up operations whose
 * runner died, once their lease ran out) and once at start-up (a redeploy resumes at once).
 */
export function bulkOperationsJob(deps: JobDeps): JobDefinition<{ operationId?: string }> {
  const env = deps.config.env;
  let send: SendJob | undefined;
  const runner = new BulkRunner({
    registry: deps.registry,
    store: deps.store,
    logger: deps.logger,
    concurrency: env.BULK_CONCURRENCY,
    leaseMs: env.BULK_LEASE_MS,
    ratePerMinute: (provider) => bulkRate(env, provider),
    encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
    noticeDays: env.EXPIRY_NOTICE_DAYS,
    reconcileWindowMs: env.RECONCILE_WINDOW_MS,
    intentLeaseMs: env.INTENT_LEASE_MS,
    moveMaxAttempts: env.MOVE_MAX_ATTEMPTS,
    moveRetryBaseMs: env.MOVE_RETRY_BASE_MS,
    onAppended: () => kickDeliveries(send, 'bulk'),
  });
  return {
    name: BULK_JOB,
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
