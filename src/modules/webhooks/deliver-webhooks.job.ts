import { WebhookSender } from './webhook-sender.js';
import { DELIVER_WEBHOOKS_JOB as DELIVER_WEBHOOKS } from './webhooks.service.js';
import type { JobDefinition, JobDeps } from '../../core/job.js';

/**
 * Sends due webhook deliveries. Queued when events are written (services kick it), every minute (cron, the
 * safety net), and by itself for the next retry that comes due; extra jobs are cheap (deliveries are leased
 * with SKIP LOCKED, so two runs never send the same attempt). Its queue name is the webhook service's
 * DELIVER_WEBHOOKS_JOB (the service queues a redelivery by it).
 */
/** Kicks within this many seconds fold into one job. */
export const DELIVER_KICK_SECONDS = 1;

/** How a caller queues a job (pg-boss `send`, or a job's own `send`). */
export type SendJob = (name: string, data?: object, options?: object) => Promise<string | null>;

/** Queues the webhook sender after events were written (kicks within a second fold into one job). */
export function kickDeliveries(send: SendJob | undefined, reason: string): void {
  void send?.(DELIVER_WEBHOOKS, { reason }, { singletonKey: 'kick', singletonSeconds: DELIVER_KICK_SECONDS }).catch(
    () => null,
  );
}

export function deliverWebhooksJob(deps: JobDeps): JobDefinition<{ reason?: string }> {
  const env = deps.config.env;
  const sender = new WebhookSender(
    deps.store.db,
    {
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      backoffBaseMs: env.WEBHOOK_BACKOFF_BASE_MS,
      backoffMaxMs: env.WEBHOOK_BACKOFF_MAX_MS,
      retryWindowMs: env.WEBHOOK_RETRY_WINDOW_MS,
      encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
    },
    deps.logger,
  );
  return {
    name: DELIVER_WEBHOOKS,
    cron: '* * * * *',
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
    startNow: true,
    handler: async (_data, job) => {
      const counts = await sender.runOnce({ budgetMs: 20_000 });
      const next = await sender.nextDue();
      if (next) {
        // The next retry: sooner than the cron when it is within the minute.
        const inSeconds = Math.max(0, Math.ceil((next.getTime() - Date.now()) / 1000));
        if (inSeconds < 60) await job.send(DELIVER_WEBHOOKS, { reason: 'retry' }, { startAfter: inSeconds });
      }
      return counts;
    },
  };
}
