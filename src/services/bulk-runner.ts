import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ErrorCode, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import { AccountStatus, type AccountRecord, type PlanRecord, type ServerRecord } from '../domain/records.js';
import { rolesFor } from '../domain/viewer.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { createLoaders } from '../loaders/index.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { BulkStore, type BulkItemRecord, type BulkOperationRecord } from '../store/bulk.js';
import { newLeaseOwner } from '../store/intents.js';
import type { Store } from '../store/store.js';
import type { BulkAction, BulkArgs } from './bulk.js';
import { AccountEvents } from './events.js';
import { LifecycleService, type AccountPayloadShape } from './lifecycle.js';

/**
 * Runs bulk operations on the background worker. One runner holds an operation (a lease it keeps alive); items
 * go through the same LifecycleService as single mutations, acting as `bulk:<id>`, paced per provider
 * (BULK_CONCURRENCY writes at once each, providers side by side). Every item is CLAIMED in its own statement
 * before its vendor write and settled after; after a crash, a claimed item is reconciled by reading the
 * account (the write is not made again when the account already shows it) — RENEW carries an idempotency key
 * per item, so its write-ahead intent decides.
 */

export interface BulkRunnerDeps {
  registry: ProviderRegistry;
  store: Store;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  noticeDays?: readonly number[];
  reconcileWindowMs?: number;
  intentLeaseMs?: number;
  /** Queues the webhook sender after events were written. */
  onAppended?: () => void;
}

export class BulkRunner {
  private readonly bulk: BulkStore;

  constructor(private readonly deps: BulkRunnerDeps) {
    this.bulk = new BulkStore(deps.store.db);
  }

  /** Runs every runnable operation (queued, or abandoned by a runner that died) until none is left. */
  async runAvailable(): Promise<number> {
    let ran = 0;
    for (;;) {
      const owner = newLeaseOwner();
      const op = await this.bulk.lease(owner, this.deps.leaseMs);
      if (!op) return ran;
      await this.run(op, owner);
      ran++;
    }
  }

  private async run(op: BulkOperationRecord, owner: string): Promise<void> {
    const actor = `bulk:${Buffer.from(`BulkOperation:STORE:${op.id}`).toString('base64url')}`;
    const lifecycle = this.lifecycle(actor);
    const state = { stop: false, cancel: op.cancelRequested };
    const beat = setInterval(
      () => {
        this.bulk.heartbeat(op.id, owner, this.deps.leaseMs).then(
          (h) => {
            if (!h.held) state.stop = true;
            if (h.cancel) state.cancel = true;
          },
          () => undefined,
        );
      },
      Math.max(50, Math.floor(this.deps.leaseMs / 3)),
    );
    beat.unref();
    try {
      const todo = await this.bulk.todo(op.id);
      const byProvider = new Map<ProviderName, BulkItemRecord[]>();
      for (const item of todo) {
        if (!item.provider) continue;
        byProvider.set(item.provider, [...(byProvider.get(item.provider) ?? []), item]);
      }
      await Promise.all(
        [...byProvider.values()].map(async (items) => {
          const limit = pLimit(this.deps.concurrency);
          await Promise.all(
            items.map((item) =>
              limit(async () => {
                if (state.stop || state.cancel) return;
                await this.runItem(op, item, lifecycle, state);
              }),
            ),
          );
        }),
      );
      if (state.stop) return; // another runner took over: it finishes the operation
      await this.bulk.finish(op.id, owner, state.cancel ? 'CANCELLED' : 'COMPLETED', actor);
    } catch (error) {
      this.deps.logger.error({ bulk: op.id, err: error instanceof Error ? error.message : 'failed' }, 'bulk failed');
      await this.bulk.finish(op.id, owner, 'FAILED', actor).catch(() => false);
    } finally {
      clearInterval(beat);
      this.deps.onAppended?.();
    }
  }

  private async runItem(
    op: BulkOperationRecord,
    item: BulkItemRecord,
    lifecycle: LifecycleService,
    state: { cancel: boolean },
  ): Promise<void> {
    const action = op.action as BulkAction;
    const args = op.args as BulkArgs;
    if (item.status === 'CLAIMED') {
      // Claimed by a run that died: did its write land? Read the account before writing anything.
      const verdict = await this.reconcile(item, action, args);
      if (verdict === 'done') return this.bulk.settle(op.id, item.seq, 'SUCCEEDED', null);
      if (verdict === 'unknown')
        return this.bulk.settle(op.id, item.seq, 'FAILED', {
          code: ErrorCode.OUTCOME_UNKNOWN,
          message: 'The run that claimed this item stopped; whether its write landed cannot be read back.',
          field: null,
        });
    } else {
      const claim = await this.bulk.claim(op.id, item.seq);
      if (claim === 'cancelled') state.cancel = true; // asked to stop: this item and the rest stay PENDING
      if (claim !== 'claimed') return; // cancelled, or someone else has it
    }
    let outcome: AccountPayloadShape;
    try {
      outcome = await this.call(lifecycle, op.id, item, action, args);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'failed';
      return this.bulk.settle(op.id, item.seq, 'FAILED', {
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        message,
        field: null,
      });
    }
    const first = outcome.userErrors[0];
    if (!first) return this.bulk.settle(op.id, item.seq, 'SUCCEEDED', null);
    const status = first.code === ErrorCode.UNSUPPORTED_BY_PROVIDER ? 'SKIPPED' : 'FAILED';
    await this.bulk.settle(op.id, item.seq, status, { code: first.code, message: first.message, field: first.field });
  }

  private call(
    lifecycle: LifecycleService,
    opId: string,
    item: BulkItemRecord,
    action: BulkAction,
    args: BulkArgs,
  ): Promise<AccountPayloadShape> {
    const id = item.accountId;
    switch (action) {
      case 'ENABLE':
        return lifecycle.enableAccount(id);
      case 'DISABLE':
        return lifecycle.disableAccount(id);
      case 'RENEW':
        return lifecycle.renewAccount(id, args.periodDays ?? 0, args.planCode, `bulk:${opId}:${item.seq}`);
      case 'EXTEND':
        return lifecycle.extendAccount(id, args.date ?? '');
      case 'EXPIRE':
        return lifecycle.expireAccount(id, args.date);
      case 'CHANGE_PLAN':
        return lifecycle.changePlan(id, args.planCode ?? '');
      case 'CLOSE':
        return lifecycle.closeAccount(id);
      case 'CHANGE_PASSWORD':
        return lifecycle.changePassword(id, args.password);
    }
  }

  /** After a crash: does the account already show the action? `retry` when it surely does not. */
  private async reconcile(
    item: BulkItemRecord,
    action: BulkAction,
    args: BulkArgs,
  ): Promise<'done' | 'retry' | 'unknown'> {
    if (action === 'RENEW') return 'retry'; // the per-item idempotency key: the intent replays or reconciles
    if (action === 'CHANGE_PASSWORD') return 'unknown';
    let account: AccountRecord | null;
    try {
      const [read] = await this.deps.registry.get(item.provider!).getAccounts([item.nativeId!]);
      if (read instanceof ProviderError) return 'unknown';
      account = read ?? null;
    } catch {
      return 'unknown';
    }
    if (!account) return action === 'CLOSE' ? 'done' : 'unknown';
    const day = (iso: string | null) => iso?.slice(0, 10) ?? null;
    const shows: Record<Exclude<BulkAction, 'RENEW' | 'CHANGE_PASSWORD'>, boolean> = {
      ENABLE: account.status === AccountStatus.ACTIVE,
      DISABLE: account.status === AccountStatus.DISABLED,
      EXTEND: day(account.expiresAt) === args.date,
      EXPIRE: account.status === AccountStatus.EXPIRED || account.status === AccountStatus.CLOSED,
      CHANGE_PLAN: account.planNativeId === args.planCode,
      CLOSE: account.status === AccountStatus.CLOSED,
    };
    return shows[action] ? 'done' : 'retry';
  }

  private lifecycle(actor: string): LifecycleService {
    const { registry, store, logger } = this.deps;
    const catalog = {
      plans: new TtlCache<PlanRecord[]>(60_000, 64),
      servers: new TtlCache<ServerRecord[]>(60_000, 64),
    };
    return new LifecycleService({
      registry,
      store,
      loaders: createLoaders({ registry, store, catalog }),
      viewer: { actor, roles: rolesFor('operator'), anonymous: false },
      requestId: actor,
      logger,
      ...(this.deps.reconcileWindowMs !== undefined ? { reconcileWindowMs: this.deps.reconcileWindowMs } : {}),
      ...(this.deps.intentLeaseMs !== undefined ? { leaseMs: this.deps.intentLeaseMs } : {}),
      events: new AccountEvents(store.db, {
        actor,
        ...(this.deps.noticeDays ? { noticeDays: this.deps.noticeDays } : {}),
      }),
    });
  }
}
