import type { Logger } from 'pino';
import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { PlanRecord, ServerRecord } from '../../domain/records.js';
import type { Role, Viewer } from '../../domain/viewer.js';
import { addDays, todayYmd } from '../../lib/dates.js';
import { currentRequestScope, runInRequestScope, type RequestScope } from '../../lib/request-context.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { createLoaders } from '../../core/loaders/loaders.js';
import { AccountOperation } from '../../providers/port.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { newLeaseOwner } from '../../core/store/intents.js';
import { MoveStore, type MovePatch, type MoveRecord, type MoveStepRecord, type StoredViewer } from './moves.store.js';
import type { NewEvent } from '../../core/events/events.store.js';
import type { Store } from '../../core/store/store.js';
import { AccountEvents } from '../../core/events/account-events.js';
import { LifecycleService, type AccountPayloadShape } from '../lifecycle/index.js';
import { type UserErrorShape } from '../../core/error-mapping.js';
import { carryOver, retireOperation, sourceProblem, storeCustomerFor, targetCustomer } from './carry.js';

/**
 * Runs account moves on the background worker, as a saga recorded step by step in the move's row (leased by
 * one runner, kept alive by heartbeats; a runner that dies loses the lease and another resumes from the step):
 *
 * 1. VALIDATE — the source read fresh from its vendor; the carry-over computed again from its expiry.
 * 2. CREATE — through the create path (write-ahead intent) with the key `move:<id>:create` in the mover's tenant
 *    namespace: a resumed move asks the same intent, which replays, reconciles, or waits — never creates twice.
 *    A definitive refusal ends the move FAILED with the source untouched.
 * 3. RETIRE — close / disable / delete through the same path with the key `move:<id>:retire`.
 * 4. REPOINT — the directory's links, ACCOUNT_MOVED on both accounts and COMPLETED in one transaction.
 *
 * A step that may succeed later (outcome unknown, 429, vendor down) is tried again with backoff, up to
 * MOVE_MAX_ATTEMPTS; then the move is NEEDS_ATTENTION (a create left unknown stays listed in unresolvedIntents;
 * a source that cannot be retired keeps its target), listed for operators, and retryAccountMove resumes it.
 */

export interface MoveRunnerDeps {
  registry: ProviderRegistry;
  store: Store;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  noticeDays?: readonly number[];
  reconcileWindowMs?: number;
  intentLeaseMs?: number;
  onAppended?: () => void;
}

const RETRY_MAX_MS = 60_000;
/** A vendor's Retry-After is honoured up to this long (a longer one is waited this long, then tried again). */
const RETRY_AFTER_MAX_MS = 15 * 60_000;
/** Codes of a step that may succeed when tried again (nothing final was answered). */
const RETRYABLE = new Set<string>([
  ErrorCode.OUTCOME_UNKNOWN,
  ErrorCode.RATE_LIMITED,
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_TIMEOUT,
]);

type Outcome = 'next' | 'stop';

export class MoveRunner {
  private readonly moves: MoveStore;

  constructor(private readonly deps: MoveRunnerDeps) {
    this.moves = new MoveStore(deps.store.db);
  }

  /** Runs every runnable move (queued, or abandoned by a runner that died), MOVE_CONCURRENCY at once. */
  async runAvailable(): Promise<number> {
    let ran = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const owner = newLeaseOwner();
        const move = await this.moves.lease(owner, this.deps.leaseMs);
        if (!move) return;
        await this.runLeased(move, owner);
        ran++;
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency }, worker));
    return ran;
  }

  /**
   * Runs a move this runner holds the lease of (`owner`), until it ends or the lease is lost. Inside the caller's
   * request scope when there is one (a bulk MOVE item's pacing), plus a hook that notes a vendor's Retry-After:
   * a step tried again waits at least that long.
   */
  async runLeased(first: MoveRecord, owner: string): Promise<void> {
    const state = { lost: false };
    const observed = { retryAfterMs: 0 };
    const outer = currentRequestScope();
    const scope: RequestScope = {
      ...(outer ?? { requestId: `move:${first.id}` }),
      onRetryAfter: (provider, ms) => {
        outer?.onRetryAfter?.(provider, ms);
        observed.retryAfterMs = Math.max(observed.retryAfterMs, ms);
      },
    };
    const beat = setInterval(
      () => {
        this.moves.heartbeat(first.id, owner, this.deps.leaseMs).then(
          (held) => {
            if (!held) state.lost = true;
          },
          () => undefined,
        );
      },
      Math.max(50, Math.floor(this.deps.leaseMs / 3)),
    );
    beat.unref();
    const session = new MoveSession(this, first, owner, state, this.lifecycle(first), observed);
    try {
      await runInRequestScope(scope, async () => {
        for (let guard = 0; guard < 100 && !state.lost; guard++) {
          if ((await session.step()) === 'stop') break;
        }
      });
    } catch (error) {
      // Bookkeeping failed (the database): the lease runs out and another runner resumes from the saved step.
      this.deps.logger.error({ move: first.id, err: error instanceof Error ? error.message : 'failed' }, 'move failed');
    } finally {
      clearInterval(beat);
      this.deps.onAppended?.();
    }
  }

  get store(): MoveStore {
    return this.moves;
  }
  get settings(): MoveRunnerDeps {
    return this.deps;
  }

  /** The lifecycle acting as the mover: their scope (quota, key namespace) and their name in history. */
  private lifecycle(move: MoveRecord): LifecycleService {
    const { registry, store, logger } = this.deps;
    const catalog = {
      plans: new TtlCache<PlanRecord[]>(60_000, 64),
      servers: new TtlCache<ServerRecord[]>(60_000, 64),
    };
    const viewer = viewerOf(move.viewer);
    return new LifecycleService({
      registry,
      store,
      loaders: createLoaders({ registry, store, catalog }),
      viewer,
      requestId: `move:${move.id}`,
      logger,
      ...(this.deps.reconcileWindowMs !== undefined ? { reconcileWindowMs: this.deps.reconcileWindowMs } : {}),
      ...(this.deps.intentLeaseMs !== undefined ? { leaseMs: this.deps.intentLeaseMs } : {}),
      events: new AccountEvents(store.db, {
        actor: viewer.actor,
        ...(this.deps.noticeDays ? { noticeDays: this.deps.noticeDays } : {}),
        ...(this.deps.onAppended ? { onAppended: this.deps.onAppended } : {}),
      }),
    });
  }
}

/** One run of one move: its row as saved, and the step it is at. */
class MoveSession {
  constructor(
    private readonly runner: MoveRunner,
    private move: MoveRecord,
    private readonly owner: string,
    private readonly state: { lost: boolean },
    private readonly lifecycle: LifecycleService,
    /** The longest Retry-After a vendor answered during the current step (reset when a step begins). */
    private readonly observed: { retryAfterMs: number },
  ) {}

  private get deps(): MoveRunnerDeps {
    return this.runner.settings;
  }

  async step(): Promise<Outcome> {
    switch (this.move.step) {
      case 'VALIDATE':
        return this.validate();
      case 'CREATE':
        return this.create();
      case 'RETIRE':
        return this.retire();
      case 'REPOINT':
        return this.repoint();
      case 'DONE':
        return 'stop';
    }
  }

  private get sourceId(): string {
    return encodeId('Account', this.move.sourceProvider, this.move.sourceNativeId);
  }

  /** The source as its vendor says now; the carry-over from its expiry (it may have been renewed meanwhile). */
  private async validate(): Promise<Outcome> {
    const m = this.move;
    const source = this.deps.registry.get(m.sourceProvider);
    const target = this.deps.registry.get(m.toProvider);
    this.begin('VALIDATE');
    let problem: UserErrorShape | null = null;
    let carry = m.carry;
    try {
      const [record] = await source.getAccounts([m.sourceNativeId]);
      if (record instanceof ProviderError) throw record;
      if (!record)
        throw new InputError('accountId', 'The account no longer exists at its provider.', ErrorCode.NOT_FOUND);
      const refused = sourceProblem(record);
      if (refused) throw refused;
      carry = await carryOver(target, record.expiresAt!, m.planCode);
    } catch (error) {
      problem = userError(error);
    }
    if (problem && RETRYABLE.has(problem.code)) return this.again('VALIDATE', problem);
    if (problem) return this.fail('VALIDATE', problem);
    return this.save({ step: 'CREATE', attempts: 0, carry: carry! }, 'VALIDATE', 'SUCCEEDED');
  }

  private async create(): Promise<Outcome> {
    const m = this.move;
    const carry = m.carry!;
    this.begin('CREATE');
    const answer: AccountPayloadShape = await this.lifecycle.createAccount(
      {
        provider: m.toProvider,
        ...(carry.periodDays !== null ? { periodDays: carry.periodDays } : {}),
        ...(carry.planCode !== null ? { planCode: carry.planCode } : {}),
        ...(m.keepUsername ? { username: m.sourceUsername } : {}),
        idempotencyKey: `move:${m.id}:create`,
      },
      {
        customerId: m.links.customerId,
        externalCustomerRef: await this.customerRef(),
      },
    );
    if (answer.account) {
      let account = answer.account;
      if (short(account.expiresAt, carry.sourceExpiresAt)) {
        // The account exists without all its time (a create whose answer was lost was found by reconciliation
        // before its plan purchase or expiry call ran): top it up through the write pipeline, its own key.
        const topped = await this.topUp(encodeId('Account', m.toProvider, account.nativeId));
        const problem = topped.userErrors[0];
        if (problem || !topped.account || short(topped.account.expiresAt, carry.sourceExpiresAt))
          return this.again(
            'CREATE',
            problem ?? { field: null, message: 'The target is still short of time.', code: ErrorCode.CONFLICT },
          );
        account = topped.account;
      }
      return this.save(
        {
          step: 'RETIRE',
          attempts: 0,
          target: { nativeId: account.nativeId, username: account.username },
          carry: { ...carry, targetExpiresAt: account.expiresAt },
        },
        'CREATE',
        'SUCCEEDED',
        { code: null, message: `${m.toProvider} account ${account.username}` },
      );
    }
    const problem = answer.userErrors[0] ?? {
      field: null,
      message: 'The create answered nothing.',
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
    };
    if (RETRYABLE.has(problem.code) || inProgress(problem)) return this.again('CREATE', problem);
    return this.fail('CREATE', problem);
  }

  /** The store customer the target's create names (PureWL), made for the move when the source has none. */
  private async customerRef(): Promise<string | null> {
    const m = this.move;
    const ref = storeCustomerFor(this.deps.registry.get(m.toProvider), m.links.customerId);
    if (ref !== 'derive') return ref?.storeId ?? null;
    return targetCustomer(this.deps.store, m.links.customerId, {
      provider: m.sourceProvider,
      nativeId: m.sourceNativeId,
      username: m.sourceUsername,
    });
  }

  /** The carried time on an existing target: its plan (plan-sold vendors), else its expiry date, else a renewal. */
  private topUp(targetId: string): Promise<AccountPayloadShape> {
    const m = this.move;
    const carry = m.carry!;
    const caps = this.deps.registry.get(m.toProvider).capabilities;
    const options = { idempotencyKey: `move:${m.id}:topup` };
    if (carry.planCode && carry.periodDays === null && caps.has(AccountOperation.CHANGE_PLAN))
      return this.lifecycle.changePlan(targetId, carry.planCode, options);
    if (caps.has(AccountOperation.EXTEND))
      return this.lifecycle.extendAccount(targetId, addDays(todayYmd(), carry.targetDays), options);
    return this.lifecycle.renewAccount(targetId, carry.targetDays, carry.planCode, options.idempotencyKey);
  }

  private async retire(): Promise<Outcome> {
    const m = this.move;
    const source = this.deps.registry.get(m.sourceProvider);
    this.begin('RETIRE');
    const op = retireOperation(source, m.sourceAction);
    const options = { idempotencyKey: `move:${m.id}:retire` };
    let answer: AccountPayloadShape;
    if (op === AccountOperation.DISABLE) answer = await this.lifecycle.disableAccount(this.sourceId, options);
    else if (op === AccountOperation.DELETE) answer = await this.lifecycle.deleteAccount(this.sourceId, options);
    else if (op === AccountOperation.CLOSE) answer = await this.lifecycle.closeAccount(this.sourceId, options);
    else
      answer = {
        account: null,
        userErrors: [
          {
            field: null,
            message: `${source.name} cannot ${m.sourceAction} accounts.`,
            code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
          },
        ],
      };
    const problem = answer.userErrors[0];
    if (!problem) return this.save({ step: 'REPOINT', attempts: 0 }, 'RETIRE', 'SUCCEEDED');
    // The target exists: the source is tried again whatever the refusal, then left to an operator (target kept).
    return this.again('RETIRE', problem);
  }

  /** Directory links, ACCOUNT_MOVED on both accounts and COMPLETED, in one transaction. */
  private async repoint(): Promise<Outcome> {
    const m = this.move;
    this.begin('REPOINT');
    const targetId = encodeId('Account', m.toProvider, m.targetNativeId!);
    const moveId = Buffer.from(`AccountMove:STORE:${m.id}`).toString('base64url');
    const data = {
      moveId,
      fromAccountId: this.sourceId,
      toAccountId: targetId,
      fromProvider: m.sourceProvider,
      toProvider: m.toProvider,
      carriedDays: m.carry?.targetDays ?? null,
      remainingDays: m.carry?.remainingDays ?? null,
      roundedUpDays: m.carry?.roundedUpDays ?? null,
      sourceAction: m.sourceAction,
    };
    const events: NewEvent[] = [
      {
        kind: 'ACCOUNT_MOVED',
        provider: m.sourceProvider,
        nativeId: m.sourceNativeId,
        username: m.sourceUsername,
        data: { ...data, accountId: this.sourceId, direction: 'OUT' },
        actor: m.actor,
        dedupeKey: `ACCOUNT_MOVED:${m.id}:OUT`,
      },
      {
        kind: 'ACCOUNT_MOVED',
        provider: m.toProvider,
        nativeId: m.targetNativeId,
        username: m.targetUsername,
        data: { ...data, accountId: targetId, direction: 'IN' },
        actor: m.actor,
        dedupeKey: `ACCOUNT_MOVED:${m.id}:IN`,
      },
    ];
    const steps = this.finishStep('REPOINT', 'SUCCEEDED', null);
    const done = await this.runner.store.complete(m, this.owner, { steps, error: null }, events);
    if (!done) this.state.lost = true;
    return 'stop';
  }

  // ---- bookkeeping ------------------------------------------------------------------------------

  private begin(name: MoveStepRecord['name']): void {
    this.observed.retryAfterMs = 0;
    const steps = this.move.steps;
    const last = steps.at(-1);
    if (last && last.name === name && (last.status === 'RUNNING' || last.status === 'RETRYING')) {
      last.status = 'RUNNING';
      last.attempts += 1;
      return;
    }
    steps.push({
      name,
      status: 'RUNNING',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      attempts: 1,
      code: null,
      message: null,
    });
  }

  private finishStep(
    name: MoveStepRecord['name'],
    status: MoveStepRecord['status'],
    detail: { code: string | null; message: string | null } | null,
  ): MoveStepRecord[] {
    const steps = this.move.steps;
    const last = steps.at(-1);
    if (last && last.name === name) {
      last.status = status;
      last.code = detail?.code ?? null;
      last.message = detail?.message ?? null;
      if (status !== 'RETRYING') last.finishedAt = new Date().toISOString();
    }
    return steps;
  }

  private async save(
    patch: MovePatch,
    name: MoveStepRecord['name'],
    status: MoveStepRecord['status'],
    detail: { code: string | null; message: string | null } | null = null,
  ): Promise<Outcome> {
    const steps = this.finishStep(name, status, detail);
    const saved = await this.runner.store.save(this.move.id, this.owner, { ...patch, steps });
    if (!saved) {
      this.state.lost = true;
      return 'stop';
    }
    this.move = { ...this.move, ...applied(patch), steps };
    return patch.status && patch.status !== 'RUNNING' ? 'stop' : 'next';
  }

  private fail(name: MoveStepRecord['name'], problem: UserErrorShape): Promise<Outcome> {
    return this.save({ status: 'FAILED', error: { code: problem.code, message: problem.message } }, name, 'FAILED', {
      code: problem.code,
      message: problem.message,
    });
  }

  /** A step that may succeed later: again after a pause, or NEEDS_ATTENTION once MOVE_MAX_ATTEMPTS are spent. */
  private async again(name: MoveStepRecord['name'], problem: UserErrorShape): Promise<Outcome> {
    const attempts = this.move.attempts + 1;
    const detail = { code: problem.code, message: problem.message };
    if (attempts >= this.deps.maxAttempts)
      return this.save({ status: 'NEEDS_ATTENTION', attempts, error: detail }, name, 'FAILED', detail);
    const outcome = await this.save({ attempts }, name, 'RETRYING', detail);
    if (outcome === 'stop') return outcome;
    const ceiling = Math.min(RETRY_MAX_MS, this.deps.retryBaseMs * 2 ** (attempts - 1));
    const backoff = ceiling / 2 + Math.random() * (ceiling / 2);
    // Never sooner than the vendor asked (Retry-After on a 429 or 503), within RETRY_AFTER_MAX_MS.
    const pause = Math.max(backoff, Math.min(RETRY_AFTER_MAX_MS, this.observed.retryAfterMs));
    await new Promise((r) => setTimeout(r, pause));
    return 'next';
  }
}

function applied(patch: MovePatch): Partial<MoveRecord> {
  return {
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.step ? { step: patch.step } : {}),
    ...(patch.carry ? { carry: patch.carry } : {}),
    ...(patch.target ? { targetNativeId: patch.target.nativeId, targetUsername: patch.target.username } : {}),
    ...(patch.attempts !== undefined ? { attempts: patch.attempts } : {}),
  };
}

/** A refusal as a userError; anything unexpected is a failure that may pass (the vendor or the network). */
function userError(error: unknown): UserErrorShape {
  if (error instanceof InputError || error instanceof ProviderError)
    return { field: error.field ? ['input', error.field] : null, message: error.message, code: error.code };
  return {
    field: null,
    message: error instanceof Error ? error.message : 'failed',
    code: ErrorCode.UPSTREAM_UNAVAILABLE,
  };
}

/** The intent of this key is held by another attempt (a resumed move while the dead one's lease runs out). */
function inProgress(problem: UserErrorShape): boolean {
  return problem.code === ErrorCode.CONFLICT && problem.field?.join('.') === 'input.idempotencyKey';
}

/** Whether the target's expiry falls before the source's (by date). */
function short(targetExpiresAt: string | null, sourceExpiresAt: string): boolean {
  return !targetExpiresAt || targetExpiresAt.slice(0, 10) < sourceExpiresAt.slice(0, 10);
}

function viewerOf(stored: StoredViewer): Viewer {
  return {
    actor: stored.actor,
    roles: new Set(stored.roles as Role[]),
    anonymous: false,
    scope: stored.scope ? { ...stored.scope, ops: new Set(stored.scope.ops) } : null,
  };
}
