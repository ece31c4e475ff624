import { IntentReconciler } from './reconciler.js';
import type { JobDefinition, JobDeps } from '../../core/job.js';

/**
 * The reconciler: resolves write-ahead intents nobody is finishing — unknown outcomes, and pending writes
 * whose owner's lease ran out (a crashed or killed process) — by asking the vendor about what each intent
 * saved. Found accounts enter the directory; confirmed-absent writes become free to run again with their
 * key; the rest stay unknown (listed by `unresolvedIntents`). Runs on RECONCILE_CRON, once across replicas.
 */
export const RECONCILE_INTENTS = 'reconcile-intents';

export function reconcileIntentsJob(deps: JobDeps): JobDefinition<{ limit?: number }> {
  const reconciler = new IntentReconciler({
    registry: deps.registry,
    store: deps.store,
    logger: deps.logger,
    reconcileWindowMs: deps.config.env.RECONCILE_WINDOW_MS,
    settleMs: deps.config.env.WRITE_SETTLE_MS,
  });
  return {
    name: RECONCILE_INTENTS,
    cron: deps.config.env.RECONCILE_CRON,
    handler: async (data) => reconciler.runOnce({ limit: data.limit ?? 50, leaseMs: deps.config.env.INTENT_LEASE_MS }),
  };
}
