import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from './store/store.js';

/** What a job type is and what it gets (runner.ts runs them; each job file defines one). */

export interface JobDeps {
  config: AppConfig;
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name; also what `send` takes. */
  name: string;
  /** pg-boss cron (5 fields, UTC): one job per period across all replicas. */
  cron?: string;
  /** pg-boss queue policy; `stately` (default) keeps at most one job waiting and one running. */
  policy?: PgBoss.QueuePolicy;
  /** How often an idle worker looks for jobs (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * Queue one job as soon as the runner starts (work left by a stopped process is picked up at once);
   * `'with-schedule'`: only when this runner registers cron schedules (the first sync at start-up, not at the
   * next tick).
   */
  startNow?: boolean | 'with-schedule';
  handler(data: T, job: JobContext): Promise<unknown>;
}

/** What a handler gets besides its data. */
export interface JobContext {
  id: string;
  /** Queues another job (fan-out from a scheduled job); answers its id, null when folded into a waiting one. */
  send: JobSender['send'];
}

/** What queues jobs (the runner; services take it to start work on the background worker). */
export interface JobSender {
  send(name: string, data?: object, options?: PgBoss.SendOptions): Promise<string | null>;
}
