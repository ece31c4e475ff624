import type { Logger } from 'pino';
import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import { AccountStatus, type AccountRecord, type PlanRecord, type ServerRecord } from '../../domain/records.js';
import { rolesFor } from '../../domain/viewer.js';
import { runInRequestScope } from '../../lib/request-context.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { createLoaders } from '../../core/loaders/loaders.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { BulkStore } from './bulk.store.js';
import { type BulkItemRecord, type BulkOperationRecord } from './bulk.rows.js';
import { newLeaseOwner } from '../../core/store/intents.js';
import { MoveStore, type MoveRecord, type SourceAction, type StoredViewer } from '../moves/index.js';
import type { Store } from '../../core/store/store.js';
import type { BulkAction, BulkArgs } from './bulk.service.js';
import { AccountEvents } from '../../core/events/account-events.js';
import { LifecycleService, type AccountPayloadShape } from '../lifecycle/index.js';
import { hashIntentInput } from '../../lib/intent-hash.js';
import { MoveRunner } from '../moves/index.js';
import { openSecret } from '../webhooks/index.js';

/**
 * Runs bulk operations on the background worker. One runner holds an operation (a lease it keeps alive); items
 * go through the same LifecycleService as single mutations, acting as `bulk:<id>`, providers side by side with
 * BULK_CONCURRENCY items at once each, and every vendor call an item makes paced to BULK_RATE_<PROVIDER> per
 * minute (slots taken from the store's `bulk_pace` row, so every operation and replica shares one pace).
 * Every item is CLAIMED in its own statement before its vendor write and settled after; after a crash, a
 * claimed item is reconciled by reading the account (the write is not made again when the account already
 * shows it) — RENEW carries an idempotency key per item, so its write-ahead intent decides.
 *
 * A 429 (RATE_LIMITED) answer is "not applied" (classifyWriteFailure: retryable; RENEW's intent ends failed
 * with retry allowed, so its key may run again): the item goes back to PENDING, not before the vendor's
 * Retry-After (or an exponential backoff when it sent none), and the provider's pace is pushed back as far, so
 * no other item calls it sooner. It is tried again until it succeeds or meets a definitive refusal.
 */

/** Backoff of a rate-limited item when the vendor sent no Retry-After: 1 s doubling up to a minute. */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;
/** A runner with only deferred items looks again this often (a cancel is noticed as soon). */
const IDLE_POLL_MS = 250;

export interface BulkRunnerDeps {
  registry: ProviderRegistry;
  store: Store;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  /** BULK_RATE_<PROVIDER>: vendor calls per minute bulk work may make on a provider; 0 = not paced. */
  ratePerMinute?: (provider: ProviderName) => number;
  /** The key a chosen CHANGE_PASSWORD password was sealed under (WEBHOOK_ENCRYPTION_KEY). */
  encryptionKey?: string | undefined;
  noticeDays?: readonly number[];
  reconcileWindowMs?: number;
  intentLeaseMs?: number;
  /** Queues the webhook sender after events were written. */
  onAppended?: () => void;
  /** MOVE items: MOVE_MAX_ATTEMPTS and MOVE_RETRY_BASE_MS of the moves they run. */
  moveMaxAttempts?: number;
  moveRetryBaseMs?: number;
}

/** A MOVE item waiting for its move while another runner holds it looks again this often. */
const MOVE_POLL_MS = 250;
const FINAL_MOVE = new Set(['COMPLETED', 'FAILED', 'NEEDS_ATTENTION']);

export class BulkRunner {
  private readonly bulk: BulkStore;
  private readonly moves: MoveStore;
  private readonly mover: MoveRunner;

  constructor(private readonly deps: BulkRunnerDeps) {
    this.bulk = new BulkStore(deps.store.db);
    this.moves = new MoveStore(deps.store.db);
    this.mover = new MoveRunner({
      registry: deps.registry,
      store: deps.store,
      logger: deps.logger,
      concurrency: 1,
      leaseMs: deps.leaseMs,
      maxAttempts: deps.moveMaxAttempts ?? 5,
      retryBaseMs: deps.moveRetryBaseMs ?? 1_000,
      ...(deps.noticeDays ? { noticeDays: deps.noticeDays } : {}),
      ...(deps.reconcileWindowMs !== undefined ? { reconcileWindowMs: deps.reconcileWindowMs } : {}),
      ...(deps.intentLeaseMs !== undefined ? { intentLeaseMs: deps.intentLeaseMs } : {}),
      ...(deps.onAppended ? { onAppended: deps.onAppended } : {}),
    });
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
      const args = await this.argsOf(op);
      const byProvider = new Map<ProviderName, Queued[]>();
      const now = Date.now();
      for (const item of todo) {
        if (!item.provider) continue;
        byProvider.set(item.provider, [...(byProvider.get(item.provider) ?? []), { item, readyAt: now + item.waitMs }]);
      }
      await Promise.all(
        [...byProvider.entries()].map(([provider, queue]) =>
          this.drain(
            provider,
            queue,
            (item) =>
              op.action === 'MOVE'
                ? this.runMoveItem(op, item, args, state)
                : this.runItem(op, item, args, lifecycle, state),
            state,
          ),
        ),
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

  /**
   * Runs one provider's items, BULK_CONCURRENCY at once, in selection order; a deferred item (429) goes back to
   * the queue and runs once its time has come. Ends when every item is settled, or on stop / cancel.
   */
  private async drain(
    provider: ProviderName,
    queue: Queued[],
    run: (item: BulkItemRecord) => Promise<Deferral | null>,
    state: { stop: boolean; cancel: boolean },
  ): Promise<void> {
    let inFlight = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (state.stop || state.cancel) return;
        const now = Date.now();
        const at = queue.findIndex((q) => q.readyAt <= now);
        if (at >= 0) {
          const [next] = queue.splice(at, 1);
          inFlight++;
          try {
            const deferral = await run(next!.item);
            if (deferral) {
              this.deps.logger.info({ provider, seq: next!.item.seq, delayMs: deferral.delayMs }, 'bulk item deferred');
              const item = { ...next!.item, status: 'PENDING' as const, deferrals: next!.item.deferrals + 1 };
              queue.push({ item, readyAt: Date.now() + deferral.delayMs });
            }
          } finally {
            inFlight--;
          }
          continue;
        }
        if (queue.length === 0 && inFlight === 0) return;
        // Only deferred items left (or an item in flight may come back): wait for the first one's time.
        const first = queue.reduce((m, q) => Math.min(m, q.readyAt), Number.POSITIVE_INFINITY);
        await sleep(Math.max(1, Math.min(IDLE_POLL_MS, first - now)));
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency }, worker));
  }

  /**
   * Every vendor call made for an item waits for its provider's next slot (BULK_RATE_<PROVIDER>), and a 429 pushes
   * the provider's pace back by its Retry-After. Runs `fn` with those hooks in its request scope (providers/http.ts).
   */
  private paced<T>(requestId: string, observed: Observed, fn: () => Promise<T>): Promise<T> {
    return runInRequestScope(
      {
        requestId,
        beforeUpstreamCall: async (provider) => {
          const rate = this.deps.ratePerMinute?.(provider as ProviderName) ?? 0;
          for (;;) {
            const wait = await this.bulk.takeSlot(provider, rate > 0 ? 60_000 / rate : 0);
            if (wait === 0) return;
            await sleep(wait);
          }
        },
        onRateLimited: (provider, retryAfterMs) => {
          observed.retryAfterMs = retryAfterMs;
          observed.pause = this.bulk.pause(provider, retryAfterMs ?? BACKOFF_BASE_MS).catch(() => undefined);
        },
      },
      fn,
    );
  }

  /** The operation's arguments, its chosen password opened (sealed at rest; a pre-#24 row may hold it in `args`). */
  private async argsOf(op: BulkOperationRecord): Promise<BulkArgs & { sealedUnreadable?: boolean }> {
    const args = { ...(op.args as BulkArgs) };
    if (op.action !== 'CHANGE_PASSWORD') return args;
    const sealed = await this.bulk.sealedPassword(op.id);
    if (!sealed) return args;
    try {
      return { ...args, password: openSecret(sealed, this.deps.encryptionKey) };
    } catch {
      return { ...args, password: null, sealedUnreadable: true };
    }
  }

  /** Runs one item; answers a deferral when the vendor rate-limited it (the item is PENDING again). */
  private async runItem(
    op: BulkOperationRecord,
    item: BulkItemRecord,
    args: BulkArgs & { sealedUnreadable?: boolean },
    lifecycle: LifecycleService,
    state: { cancel: boolean },
  ): Promise<Deferral | null> {
    const action = op.action as BulkAction;
    if (args.sealedUnreadable) {
      // Never fall back to a random password the caller did not ask for: the item fails, nothing is sent.
      await this.bulk.settle(op.id, item.seq, 'FAILED', {
        code: ErrorCode.VALIDATION,
        message:
          'The chosen password cannot be decrypted (WEBHOOK_ENCRYPTION_KEY missing or changed); nothing was sent.',
        field: ['input', 'args', 'password'],
      });
      return null;
    }
    if (item.status === 'CLAIMED') {
      // Claimed by a run that died: did its write land? Read the account before writing anything.
      const observed: Observed = {};
      const verdict = await this.paced(`bulk:${op.id}:${item.seq}`, observed, () => this.reconcile(item, action, args));
      if (verdict === 'done') {
        await this.bulk.settle(op.id, item.seq, 'SUCCEEDED', null);
        return null;
      }
      if (verdict === 'unknown') {
        await this.bulk.settle(op.id, item.seq, 'FAILED', {
          code: ErrorCode.OUTCOME_UNKNOWN,
          message: 'The run that claimed this item stopped; whether its write landed cannot be read back.',
          field: null,
        });
        return null;
      }
    } else {
      const claim = await this.bulk.claim(op.id, item.seq);
      if (claim === 'cancelled') state.cancel = true; // asked to stop: this item and the rest stay PENDING
      if (claim !== 'claimed') return null; // cancelled, or someone else has it
    }
    const observed: Observed = {};
    let outcome: AccountPayloadShape;
    try {
      outcome = await this.paced(`bulk:${op.id}:${item.seq}`, observed, () =>
        this.call(lifecycle, op.id, item, action, args),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : 'failed';
      await this.bulk.settle(op.id, item.seq, 'FAILED', {
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        message,
        field: null,
      });
      return null;
    }
    const first = outcome.userErrors[0];
    if (!first) {
      await this.bulk.settle(op.id, item.seq, 'SUCCEEDED', null);
      return null;
    }
    if (first.code === ErrorCode.RATE_LIMITED) {
      // Refused with 429: nothing was applied (RENEW's intent allows its key to run again). Back to the queue.
      await observed.pause;
      const delayMs = observed.retryAfterMs ?? backoff(item.deferrals);
      await this.bulk.defer(op.id, item.seq, delayMs, { code: first.code, message: first.message, field: first.field });
      return { delayMs };
    }
    const status = first.code === ErrorCode.UNSUPPORTED_BY_PROVIDER ? 'SKIPPED' : 'FAILED';
    await this.bulk.settle(op.id, item.seq, status, { code: first.code, message: first.message, field: first.field });
    return null;
  }

  /**
   * A MOVE item: one account move, recorded under a key derived from the operation and the item
   * (`<tenant>:bulk:<operation id>:<seq>`), so a resumed operation finds the move its dead run recorded and never
   * starts a second one. The move runs here, in the item's paced request scope, through the move saga (its own
   * write-ahead intents make each vendor write once); a move another runner holds (the move job resumed it) is
   * waited for. The item settles as its move ended: COMPLETED → SUCCEEDED, FAILED or NEEDS_ATTENTION → FAILED
   * with the move's error (a move that needs attention stays listed in accountMoves).
   */
  private async runMoveItem(
    op: BulkOperationRecord,
    item: BulkItemRecord,
    args: BulkArgs,
    state: { stop: boolean; cancel: boolean },
  ): Promise<null> {
    if (item.status !== 'CLAIMED') {
      const claim = await this.bulk.claim(op.id, item.seq);
      if (claim === 'cancelled') state.cancel = true;
      if (claim !== 'claimed') return null;
    }
    let move: MoveRecord | null;
    try {
      move = await this.paced(`bulk:${op.id}:${item.seq}`, {}, () => this.moveOf(op, item, args, state));
    } catch (error) {
      const known = error instanceof InputError || error instanceof ProviderError;
      await this.bulk.settle(op.id, item.seq, 'FAILED', {
        code: known ? error.code : ErrorCode.UPSTREAM_UNAVAILABLE,
        message: error instanceof Error ? error.message : 'failed',
        field: error instanceof InputError && error.field ? ['input', error.field] : null,
      });
      return null;
    }
    if (!move) return null; // the operation's lease was lost: the runner that took it over settles the item
    if (move.status === 'COMPLETED') await this.bulk.settle(op.id, item.seq, 'SUCCEEDED', null);
    else
      await this.bulk.settle(op.id, item.seq, 'FAILED', {
        code: move.errorCode ?? ErrorCode.UPSTREAM_UNAVAILABLE,
        message:
          move.status === 'NEEDS_ATTENTION'
            ? `The move needs attention (accountMoves): ${move.errorMessage ?? ''}`
            : (move.errorMessage ?? 'The move failed.'),
        field: null,
      });
    return null;
  }

  /** The item's move, run to its end (or null when the operation's lease was lost meanwhile). */
  private async moveOf(
    op: BulkOperationRecord,
    item: BulkItemRecord,
    args: BulkArgs,
    state: { stop: boolean },
  ): Promise<MoveRecord | null> {
    const owner = newLeaseOwner();
    const key = `${op.tenant}:bulk:${op.id}:${item.seq}`;
    let move = await this.moves.byKey(key);
    if (!move) {
      const row =
        item.provider && item.nativeId ? await this.deps.store.directoryEntry(item.provider, item.nativeId) : null;
      if (!row) throw new InputError('accountId', 'No such account.', ErrorCode.NOT_FOUND);
      const viewer: StoredViewer = op.viewer ?? {
        actor: `bulk:${Buffer.from(`BulkOperation:STORE:${op.id}`).toString('base64url')}`,
        roles: [...rolesFor('operator')],
        scope: null,
      };
      const planCode = args.planCode ?? null;
      const recorded = await this.moves.create({
        idempotencyKey: key,
        requestHash: hashIntentInput({
          accountId: item.accountId,
          toProvider: args.toProvider,
          planCode,
          keepUsername: Boolean(args.keepUsername),
        }),
        actor: viewer.actor,
        viewer,
        sourceProvider: item.provider!,
        sourceNativeId: item.nativeId!,
        sourceUsername: row.username,
        toProvider: args.toProvider!,
        links: { customerId: row.customerId, projectId: row.projectId },
        planCode,
        keepUsername: Boolean(args.keepUsername),
        sourceAction: (args as { sourceAction?: SourceAction }).sourceAction ?? 'close',
        carry: null,
        lease: { owner, ms: this.deps.leaseMs },
      });
      move = recorded.move;
      if (recorded.created) await this.mover.runLeased(move, owner);
    }
    for (;;) {
      move = (await this.moves.get(move.id))!;
      if (FINAL_MOVE.has(move.status)) return move;
      if (state.stop) return null;
      const leased = await this.moves.leaseOne(move.id, owner, this.deps.leaseMs);
      if (leased) await this.mover.runLeased(leased, owner);
      else await sleep(MOVE_POLL_MS);
    }
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
      case 'MOVE':
        throw new Error('MOVE items run through runMoveItem');
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
    if (action === 'MOVE') return 'retry'; // never here: MOVE items resume through their derived move key
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
    const shows: Record<Exclude<BulkAction, 'RENEW' | 'CHANGE_PASSWORD' | 'MOVE'>, boolean> = {
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

interface Queued {
  item: BulkItemRecord;
  /** Date.now() from which it may run (a deferred item's not_before). */
  readyAt: number;
}

/** What the vendor said while an item ran: a 429's Retry-After, and the provider pause it started. */
interface Observed {
  retryAfterMs?: number | undefined;
  pause?: Promise<void>;
}

interface Deferral {
  delayMs: number;
}

function backoff(deferrals: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(deferrals, 16));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
