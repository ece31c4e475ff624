import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type { AccountRecord } from '../domain/records.js';
import type { Loaders } from '../loaders/index.js';
import { AccountOperation, asProviderError, type CreateAccountInput, type VpnProvider } from '../providers/port.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/store.js';
import { newLeaseOwner, type WriteIntent } from '../store/intents.js';
import type { Viewer } from '../domain/viewer.js';
import { decodeId, encodeId } from '../domain/ids.js';
import { generatePassword } from '../lib/password.js';
import { isYmd, todayYmd } from '../lib/dates.js';
import { ScopeGuard } from './scope.js';
import { AccountEvents } from './events.js';

/**
 * Every lifecycle mutation goes through here: capability check → input rules (ours and the provider's,
 * before any upstream call) → write-ahead intent with the idempotency claim (create, renew) → provider call →
 * reconciliation when the outcome is unknown → store registry + journal. Failures come back as userErrors, never as thrown errors.
 */

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: ErrorCode;
}

export interface AccountPayloadShape {
  account: AccountRecord | null;
  userErrors: UserErrorShape[];
  /** Create/changePassword: the VPN password, returned once. */
  password?: string | null;
  /** True when this answer is the stored outcome of an earlier request with the same idempotency key. */
  replayed?: boolean;
  deletedAccountId?: string | null;
}

export interface LifecycleDeps {
  registry: ProviderRegistry;
  store: Store;
  loaders: Loaders;
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  /** How long a failing reconciliation read is asked again (RECONCILE_WINDOW_MS). */
  reconcileWindowMs?: number;
  /** Lease of a write-ahead intent (INTENT_LEASE_MS, default 15 s). */
  leaseMs?: number;
  /** The request's scope guard (shared with the read services); built from `viewer` when absent. */
  scope?: ScopeGuard;
  /** Account history (default: recorded as the viewer, default notice thresholds). */
  events?: AccountEvents;
}

const DEFAULT_LEASE_MS = 15_000;
/** Attempts of a non-idempotent write, each after a reconciliation that proved the previous one did not land. */
const MAX_WRITE_ATTEMPTS = 4;
/** Pauses before asking again when a reconciliation read fails (as many as fit in the window). */
const RECONCILE_PAUSES_MS = [250, 750, 1500];
const USERNAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class LifecycleService {
  private readonly reconciler: IntentReconciler;
  private readonly leaseMs: number;

  private readonly scope: ScopeGuard;
  private readonly events: AccountEvents;

  constructor(private readonly deps: LifecycleDeps) {
    this.scope = deps.scope ?? new ScopeGuard(deps);
    this.events = deps.events ?? new AccountEvents(deps.store.db, { actor: deps.viewer.actor });
    this.reconciler = new IntentReconciler({ ...deps, events: this.events });
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  // ---- account lifecycle -----------------------------------------------------------------------

  async createAccount(
    input: CreateAccountInput & { provider: ProviderName; customerId?: string | null; idempotencyKey?: string | null },
  ): Promise<AccountPayloadShape> {
    const provider = this.deps.registry.get(input.provider);
    if (!provider.capabilities.has(AccountOperation.CREATE)) return unsupported(provider, AccountOperation.CREATE);
    const refused = await this.scope.refuseCreate(input.customerId ?? null, Boolean(input.newCustomer));
    if (refused) return { account: null, password: null, userErrors: [refused] };
    const { idempotencyKey, customerId, provider: _p, ...rest } = input;
    const request: CreateAccountInput = { ...rest };
    let customerRef: string | null = null;
    try {
      if (customerId) {
        const gid = decodeId(customerId);
        if (!gid || gid.type !== 'Customer')
          throw new InputError('customerId', '`customerId` is not a valid Customer id.');
        if (gid.source === 'STORE') {
          const [c] = await this.deps.store.getCustomers([gid.nativeId]);
          if (!c) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
          request.externalCustomerRef = gid.nativeId;
        } else if (gid.source === provider.name) {
          request.customerNativeId = gid.nativeId;
        } else {
          throw new InputError('customerId', `The customer belongs to ${gid.source}, not ${provider.name}.`);
        }
        customerRef = customerId;
      }
    } catch (error) {
      return failure(error);
    }
    const problems = [
      ...commonChecks(request),
      ...provider.validate(AccountOperation.CREATE, request as Record<string, unknown>),
    ];
    if (problems.length > 0) return { account: null, password: null, userErrors: problems.map(toUserError) };

    // A username we pick ourselves finds the account again after an unknown outcome (PureVPN picks its own and
    // tells it only in its answer). It is saved with the intent, so every later attempt uses the same one.
    const accepts = (field: string, value: string) =>
      !provider.validate(AccountOperation.CREATE, { ...request, [field]: value }).some((e) => e.field === field);
    let chosen = request.username ?? null;
    if (!chosen) {
      const candidate = `vg${randomText(10)}`;
      if (accepts('username', candidate)) chosen = candidate;
    }
    const hashInput = { provider: provider.name, ...request, password: undefined };
    // A sub-reseller's quota is taken before any vendor call, and given back when no account came of it.
    if (!(await this.scope.takeQuota()))
      return { account: null, password: null, userErrors: [this.scope.quotaRefusal()] };
    const outcome = await this.runIntent({
      operation: 'createAccount',
      provider,
      key: idempotencyKey,
      hashInput,
      username: chosen,
      context: { customerRef },
      journal: { operation: AccountOperation.CREATE, input: hashInput },
      write: async (session) => {
        const call: CreateAccountInput = { ...request };
        if (session.intent.username) call.username = session.intent.username;
        if (call.password === undefined) {
          const candidate = generatePassword(16);
          if (accepts('password', candidate)) call.password = candidate;
        }
        call.onAccepted = async (username) => {
          if (session.intent.username) return;
          session.intent.username = username;
          await this.deps.store.intents.setUsername(session.intent.id, username);
        };
        const created = await this.callWithReconcile(
          provider,
          'createAccount',
          session,
          async () => provider.createAccount(call),
          async () => {
            const username = session.intent.username;
            if (!username) return undefined;
            const found = await provider.findAccountByUsername(username);
            return found ? { account: found, password: call.password ?? null } : null;
          },
        );
        const accountId = encodeId('Account', created.account.provider, created.account.nativeId);
        const password = created.password ?? call.password ?? null;
        await this.deps.store.completeCreate(
          session.intent.id,
          session.owner,
          {
            provider: provider.name,
            nativeId: created.account.nativeId,
            username: created.account.username,
            customerId: customerRef,
            via: 'api',
          },
          {
            state: 'succeeded',
            response: { accountId, userErrors: [] },
            resultAccountId: accountId,
            credentialsDelivered: password !== null,
            username: created.account.username,
          },
          (tx) => this.events.written('CREATE', created.account, null, created.account, tx),
        );
        await this.invalidate(created.account);
        if (password === null) {
          // The vendor named the account but its password never reached us: hand out a fresh one, once.
          const delivered = await this.deliverCredentials(session.intent.id, provider, created.account);
          return {
            account: delivered.account ?? created.account,
            password: delivered.password,
            userErrors: delivered.userErrors,
          };
        }
        return { account: created.account, password, userErrors: [] };
      },
    });
    const unknown = outcome.userErrors.some((e) => e.code === ErrorCode.OUTCOME_UNKNOWN);
    if ((!outcome.account && !unknown) || outcome.replayed) await this.scope.releaseQuota();
    return outcome;
  }

  async renewAccount(
    accountId: string,
    periodDays: number,
    planCode: string | null | undefined,
    idempotencyKey: string | null | undefined,
  ): Promise<AccountPayloadShape> {
    const input = { accountId, periodDays, planCode };
    const missingKey = this.scope.refuseRenewWithoutKey(idempotencyKey);
    if (missingKey) return { account: null, userErrors: [missingKey] };
    return this.onAccount(
      accountId,
      AccountOperation.RENEW,
      { periodDays, planCode },
      async (provider, nativeId, before) =>
        this.runIntent({
          operation: 'renewAccount',
          provider,
          key: idempotencyKey,
          hashInput: input,
          target: nativeId,
          // What tells later whether the renewal happened: the expiry before it.
          context: { expiresAtBefore: before?.expiresAt ?? null },
          write: async (session) => {
            const account = await this.callWithReconcile(
              provider,
              'renewAccount',
              session,
              () => provider.renewAccount(nativeId, { periodDays, ...(planCode ? { planCode } : {}) }),
              async () => {
                const probe = await this.reconciler.probe(session.intent);
                if (probe.kind === 'applied') return probe.account;
                return probe.kind === 'absent' ? null : undefined;
              },
            );
            const id = encodeId('Account', account.provider, account.nativeId);
            await this.deps.store.intents.finish(session.intent.id, session.owner, {
              state: 'succeeded',
              response: { accountId: id, userErrors: [] },
              resultAccountId: id,
              credentialsDelivered: true,
            });
            return { account, userErrors: [] };
          },
        }),
    );
  }

  enableAccount(accountId: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.ENABLE, {}, (p, id) => p.enableAccount(id));
  }
  disableAccount(accountId: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.DISABLE, {}, (p, id) => p.disableAccount(id));
  }
  extendAccount(accountId: string, date: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.EXTEND, { date }, (p, id) => p.extendAccount(id, date));
  }
  expireAccount(accountId: string, date: string | null | undefined): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.EXPIRE, date ? { date } : {}, (p, id) =>
      p.expireAccount(id, date ?? undefined),
    );
  }
  changePlan(accountId: string, planCode: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.CHANGE_PLAN, { planCode }, (p, id) => p.changePlan(id, planCode));
  }
  reopenAccount(accountId: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.REOPEN, {}, (p, id) => p.reopenAccount(id));
  }
  anonymiseAccount(accountId: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.ANONYMISE, {}, (p, id) => p.anonymiseAccount(id));
  }
  setBandwidthLimit(accountId: string, kbps: number | null): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.SET_BANDWIDTH_LIMIT, { kilobytesPerSecond: kbps }, (p, id) =>
      p.setBandwidthLimit(id, kbps),
    );
  }
  revokeSessions(accountId: string): Promise<AccountPayloadShape> {
    return this.simple(accountId, AccountOperation.REVOKE_SESSIONS, {}, async (p, id) => {
      await p.revokeSessions(id);
      const [after] = await p.getAccounts([id]);
      if (after instanceof ProviderError) throw after;
      return after ?? null;
    });
  }

  async changePassword(accountId: string, password: string | null | undefined): Promise<AccountPayloadShape> {
    const chosen = password ?? this.passwordFor(accountId);
    const result = await this.simple(accountId, AccountOperation.CHANGE_PASSWORD, { password: chosen }, (p, id) =>
      p.changePassword(id, chosen),
    );
    return { ...result, password: result.userErrors.length === 0 ? chosen : null };
  }

  /** Close where the provider closes (WLVPN), delete where it deletes (the others). */
  async closeAccount(accountId: string): Promise<AccountPayloadShape> {
    const gid = decodeId(accountId);
    if (gid && gid.type === 'Account' && gid.source !== 'STORE') {
      const provider = this.deps.registry.get(gid.source);
      if (!provider.capabilities.has(AccountOperation.CLOSE) && provider.capabilities.has(AccountOperation.DELETE)) {
        return this.deleteAccount(accountId);
      }
    }
    return this.simple(accountId, AccountOperation.CLOSE, {}, (p, id) => p.closeAccount(id));
  }

  async deleteAccount(accountId: string): Promise<AccountPayloadShape> {
    const result = await this.onAccount(accountId, AccountOperation.DELETE, {}, async (provider, nativeId) => {
      await provider.deleteAccount(nativeId);
      await this.deps.store.unregisterAccount(provider.name, nativeId);
      return { account: null, deletedAccountId: accountId, userErrors: [] };
    });
    return result;
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** A generated password the account's provider accepts (16 mixed characters, or 8 alphanumerics for PureVPN). */
  private passwordFor(accountId: string): string {
    const gid = decodeId(accountId);
    const provider = gid && gid.source !== 'STORE' ? this.deps.registry.get(gid.source) : null;
    for (const length of [16, 8]) {
      const candidate = generatePassword(length);
      if (!provider || provider.validate(AccountOperation.CHANGE_PASSWORD, { password: candidate }).length === 0)
        return candidate;
    }
    return generatePassword(16);
  }

  private simple(
    accountId: string,
    operation: AccountOperation,
    input: Record<string, unknown>,
    call: (provider: VpnProvider, nativeId: string) => Promise<AccountRecord | null>,
  ): Promise<AccountPayloadShape> {
    return this.onAccount(accountId, operation, input, async (provider, nativeId) => {
      const account = await call(provider, nativeId);
      return { account, userErrors: [] };
    });
  }

  /** Decode, capability check, input rules, journal; `body` does the upstream work. */
  private async onAccount(
    accountId: string,
    operation: AccountOperation,
    input: Record<string, unknown>,
    body: (provider: VpnProvider, nativeId: string, before: AccountRecord | null) => Promise<AccountPayloadShape>,
  ): Promise<AccountPayloadShape> {
    const gid = decodeId(accountId);
    if (!gid || gid.type !== 'Account' || gid.source === 'STORE') {
      return {
        account: null,
        userErrors: [
          {
            field: ['input', 'accountId'],
            message: '`accountId` is not a valid Account id.',
            code: ErrorCode.VALIDATION,
          },
        ],
      };
    }
    const refused = await this.scope.refuseAccountWrite(
      { provider: gid.source, nativeId: gid.nativeId },
      operation,
      input,
    );
    if (refused) return { account: null, userErrors: [refused] };
    const provider = this.deps.registry.get(gid.source);
    if (!provider.capabilities.has(operation)) return unsupported(provider, operation);
    const problems = [...commonChecks(input, operation), ...provider.validate(operation, input)];
    if (problems.length > 0) return { account: null, userErrors: problems.map(toUserError) };
    let outcome: AccountPayloadShape;
    try {
      const before = operation === AccountOperation.RENEW ? await this.current(provider, gid.nativeId) : null;
      const history = await this.events.snapshot(provider.name, gid.nativeId);
      outcome = await body(provider, gid.nativeId, before);
      if (outcome.userErrors.length === 0)
        await this.recorded(operation, provider.name, gid.nativeId, history, outcome);
      if (outcome.account) await this.invalidate(outcome.account);
      else {
        this.deps.loaders.account.clear({ provider: provider.name, nativeId: gid.nativeId });
        this.deps.loaders.knownAccount.clear({ provider: provider.name, nativeId: gid.nativeId });
      }
    } catch (error) {
      outcome = failure(error);
    }
    await this.journal(operation, provider.name, accountId, input, outcome);
    const gone = operation === AccountOperation.DELETE || operation === AccountOperation.CLOSE;
    if (gone && outcome.userErrors.length === 0) await this.scope.releaseQuota();
    return outcome;
  }

  /** History of a write the vendor confirmed; a failure to record it is logged (the write stands). */
  private async recorded(
    operation: AccountOperation,
    provider: ProviderName,
    nativeId: string,
    before: Record<string, unknown> | null,
    outcome: AccountPayloadShape,
  ): Promise<void> {
    try {
      await this.events.written(operation, { provider, nativeId }, before, outcome.account);
    } catch (error) {
      this.deps.logger.error({ err: error instanceof Error ? error.message : 'history' }, 'history write failed');
    }
  }

  private async current(provider: VpnProvider, nativeId: string): Promise<AccountRecord | null> {
    const [record] = await provider.getAccounts([nativeId]);
    if (record instanceof ProviderError) throw record;
    return record ?? null;
  }

  /**
   * Asks `reconcile` what happened; when its read fails, asks again after a pause (RECONCILE_PAUSES_MS, within RECONCILE_WINDOW_MS),
   * since giving up turns a write that may well have landed into an unknown outcome. `reconcile` answers
   * undefined only when it can never tell (e.g. no username to look for).
   */
  private async askUntilKnown<T>(reconcile: () => Promise<T | null | undefined>): Promise<T | null | undefined> {
    const window = this.deps.reconcileWindowMs ?? 2_500;
    let waited = 0;
    const pauses = RECONCILE_PAUSES_MS.filter((p) => (waited += p) <= window);
    for (const pause of [0, ...pauses]) {
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      try {
        return await reconcile();
      } catch {
        // the read failed: cannot tell yet
      }
    }
    return undefined;
  }

  /**
   * Runs a non-idempotent upstream write. On a failure that may have reached the vendor it never retries
   * blindly: `reconcile` asks the vendor what happened — a value means "applied", null means "not applied"
   * (then another attempt is safe), undefined means "cannot tell" (OUTCOME_UNKNOWN, the intent stays open).
   */
  private async callWithReconcile<T>(
    provider: VpnProvider,
    operation: string,
    session: IntentSession,
    call: () => Promise<T>,
    reconcile: () => Promise<T | null | undefined>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (session.lost) throw outcomeUnknown(provider.name, operation, 'its intent was taken over by another worker');
      try {
        return await call();
      } catch (error) {
        // A retry refused as a conflict means an earlier attempt did land after all (it was still in flight
        // when reconciliation looked): find it and answer with it.
        if (
          (attempt > 1 || session.intent.attempt > 1) &&
          error instanceof ProviderError &&
          error.code === ErrorCode.CONFLICT
        ) {
          const landed = await this.askUntilKnown(reconcile);
          if (landed) return landed;
        }
        const kind = classifyWriteFailure(error, operation);
        if (kind !== 'unknown') throw error;
        this.deps.logger.warn(
          { provider: provider.name, operation, attempt, intent: session.intent.id, requestId: this.deps.requestId },
          'unknown outcome; reconciling',
        );
        const state = await this.askUntilKnown(reconcile);
        if (state) return state;
        // null: the vendor confirms nothing happened, so another attempt cannot duplicate anything.
        if (state === null && attempt < MAX_WRITE_ATTEMPTS) continue;
        if (state === null) throw confirmedNotApplied(error, provider.name, operation);
        const code = error instanceof ProviderError ? error.code : ErrorCode.UPSTREAM_UNAVAILABLE;
        throw outcomeUnknown(
          provider.name,
          operation,
          `the vendor failed (${code}) and could not be asked what happened`,
        );
      }
    }
  }

  /**
   * The write-ahead path of create and renew. The intent (key, input hash, what finds the result, lease) is
   * stored before any vendor call; a retry with the same key replays a final answer, waits for a live owner
   * (at most until its lease runs out), or takes over: reconcile first, write only when the vendor confirms
   * the earlier attempt did not land.
   */
  private async runIntent(plan: IntentPlan): Promise<AccountPayloadShape> {
    const { provider, operation } = plan;
    const journalled = async (
      payload: AccountPayloadShape,
      intent: WriteIntent | null,
    ): Promise<AccountPayloadShape> => {
      if (plan.journal) {
        const target =
          payload.account?.username ?? intent?.username ?? (intent ? `intent:${intent.id}` : provider.name);
        await this.journal(plan.journal.operation, provider.name, target, plan.journal.input, payload);
      }
      return payload;
    };
    if (plan.key && plan.key.length > 200) {
      return {
        account: null,
        userErrors: [
          {
            field: ['input', 'idempotencyKey'],
            message: '`idempotencyKey` is at most 200 characters.',
            code: ErrorCode.VALIDATION,
          },
        ],
      };
    }
    if (provider.breakerState?.() === 'open') {
      // Nothing is sent while the circuit is open: say so without recording an intent that can only be unknown.
      return journalled(
        failure(
          new ProviderError({
            provider: provider.name,
            operation,
            code: ErrorCode.UPSTREAM_UNAVAILABLE,
            message: `${provider.name} is failing; calls are paused for a moment (circuit open)`,
            retryable: true,
          }),
        ),
        null,
      );
    }
    const intents = this.deps.store.intents;
    const owner = newLeaseOwner();
    const leaseMs = this.leaseMs;
    const begin = () =>
      intents.begin({
        key: plan.key ? `${operation}:${plan.key}` : null,
        operation,
        provider: provider.name,
        inputHash: hashIntentInput(plan.hashInput),
        target: plan.target ?? null,
        username: plan.username ?? null,
        context: plan.context,
        owner,
        leaseMs,
      });
    let claim = await begin();
    if (claim.kind === 'busy') {
      // Someone holds the lease: wait for its answer, at most until the lease runs out (then take over).
      const deadline = Date.now() + leaseMs + 250;
      while (claim.kind === 'busy' && Date.now() < deadline) {
        await sleep(Math.min(50 + Math.random() * 50, Math.max(0, deadline - Date.now())));
        const peek = await intents.peek(claim.intent.id);
        if (peek && peek.live && peek.state !== 'succeeded' && peek.state !== 'failed') continue;
        claim = await begin();
      }
      if (claim.kind === 'busy') claim = await begin();
      if (claim.kind === 'busy') {
        return {
          account: null,
          userErrors: [
            {
              field: ['input', 'idempotencyKey'],
              message: `A request with this idempotency key is still in progress (intent ${claim.intent.id}); ask again.`,
              code: ErrorCode.CONFLICT,
            },
          ],
        };
      }
    }
    if (claim.kind === 'mismatch') {
      return {
        account: null,
        userErrors: [
          {
            field: ['input', 'idempotencyKey'],
            message: 'This idempotency key was used with different input.',
            code: ErrorCode.CONFLICT,
          },
        ],
      };
    }
    if (claim.kind === 'replay') return journalled(await this.replay(claim.intent, provider), claim.intent);

    const session: IntentSession = { intent: claim.intent, owner, lost: false };
    const beat = setInterval(
      () => {
        intents.heartbeat(session.intent.id, owner, leaseMs).then(
          (held) => {
            if (!held) session.lost = true;
          },
          () => undefined,
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    beat.unref();
    try {
      if (claim.takeover) {
        // An earlier attempt may have reached the vendor: ask before writing anything.
        const probe = await this.reconciler.probe(session.intent);
        if (probe.kind !== 'absent') {
          const settled = await this.reconciler.settle(session.intent, owner, probe);
          if (settled.state === 'succeeded') return journalled(await this.replay(settled, provider), settled);
          return journalled(unknownPayload(settled), settled);
        }
      }
      const payload = await plan.write(session);
      return journalled(payload, session.intent);
    } catch (error) {
      const kind = classifyWriteFailure(error, operation);
      const payload = failure(error);
      const first = payload.userErrors[0];
      if (kind === 'unknown') {
        await intents.finish(session.intent.id, owner, {
          state: 'unknown',
          errorCode: ErrorCode.OUTCOME_UNKNOWN,
          errorMessage: first?.message ?? null,
        });
        return journalled(unknownPayload(session.intent, first?.message), session.intent);
      }
      // Known not to have happened: a refusal is final for the key; a failure before sending may run again.
      await intents.finish(session.intent.id, owner, {
        state: 'failed',
        retryAllowed: kind === 'retryable',
        response: storedForm(payload),
        errorCode: first?.code ?? null,
        errorMessage: first?.message ?? null,
      });
      return journalled(payload, session.intent);
    } finally {
      clearInterval(beat);
    }
  }

  /** The answer of a final intent: the account read now (never a stored copy), or the stored refusal. */
  private async replay(intent: WriteIntent, provider: VpnProvider): Promise<AccountPayloadShape> {
    const stored = (intent.response ?? { accountId: intent.resultAccountId, userErrors: [] }) as StoredPayload;
    const accountId = stored.accountId ?? intent.resultAccountId;
    if (intent.state !== 'succeeded' || !accountId) {
      const userErrors = stored.userErrors?.length
        ? stored.userErrors
        : [
            {
              field: null,
              message: `The first request with this key did not complete (intent ${intent.id}).`,
              code: ErrorCode.CONFLICT,
            },
          ];
      return { account: null, password: null, replayed: true, userErrors };
    }
    const gid = decodeId(accountId);
    if (!gid || gid.source === 'STORE') {
      return {
        account: null,
        password: null,
        replayed: true,
        userErrors: [
          {
            field: null,
            message: `The first request with this key succeeded (account ${accountId}).`,
            code: ErrorCode.NOT_FOUND,
          },
        ],
      };
    }
    let account: AccountRecord | null;
    try {
      account = await this.deps.loaders.account.load({ provider: gid.source, nativeId: gid.nativeId });
    } catch (error) {
      // The first request's outcome stands; only reading the account back failed. Say so, typed, and keep
      // the id so nothing is lost (asking again with the same key replays again).
      const problem = toUserError(asProviderError(gid.source, 'getAccount', error));
      const message = `The first request with this key succeeded (account ${accountId}); reading the account back failed: ${problem.message}`;
      return {
        account: null,
        password: null,
        replayed: true,
        userErrors: [...(stored.userErrors ?? []), { field: null, message, code: problem.code }],
      };
    }
    if (!account) {
      const message = `The first request with this key succeeded (account ${accountId}), but the provider no longer knows that account.`;
      return {
        account: null,
        password: null,
        replayed: true,
        userErrors: [{ field: null, message, code: ErrorCode.NOT_FOUND }],
      };
    }
    if (intent.operation === 'createAccount' && !intent.credentialsDelivered) {
      // Found by reconciliation: the caller never saw this account's password. Set a fresh one, once.
      const delivered = await this.deliverCredentials(intent.id, provider, account);
      return {
        account: delivered.account ?? account,
        password: delivered.password,
        replayed: true,
        userErrors: delivered.userErrors,
      };
    }
    return { account, password: null, replayed: true, userErrors: stored.userErrors ?? [] };
  }

  /**
   * Sets a fresh password through the vendor's change-password call and answers it, for an account whose
   * password nobody has seen. One caller only (the intent's flag is taken atomically); given back on failure.
   */
  private async deliverCredentials(
    intentId: string,
    provider: VpnProvider,
    account: AccountRecord,
  ): Promise<{ account: AccountRecord | null; password: string | null; userErrors: UserErrorShape[] }> {
    if (!provider.capabilities.has(AccountOperation.CHANGE_PASSWORD))
      return { account, password: null, userErrors: [] };
    if (!(await this.deps.store.intents.takeCredentialDelivery(intentId)))
      return { account, password: null, userErrors: [] };
    const password = this.passwordFor(encodeId('Account', account.provider, account.nativeId));
    try {
      const updated = await provider.changePassword(account.nativeId, password);
      return { account: updated, password, userErrors: [] };
    } catch (error) {
      await this.deps.store.intents.undoCredentialDelivery(intentId);
      const problem = toUserError(asProviderError(provider.name, 'changePassword', error));
      return {
        account,
        password: null,
        userErrors: [
          {
            field: null,
            message: `The account exists; setting its password failed (ask again with the same key): ${problem.message}`,
            code: problem.code,
          },
        ],
      };
    }
  }

  /** Intents nobody can finish alone (operators): a page, oldest first. */
  async unresolvedIntents(
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: WriteIntent[]; hasNextPage: boolean; totalCount: number; cursor(intent: WriteIntent): string }> {
    this.scope.requireUnscoped('unresolvedIntents');
    let cursor: { createdAt: string; id: string } | null = null;
    if (after) {
      try {
        const parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
        if (typeof parsed.c === 'string' && typeof parsed.i === 'string')
          cursor = { createdAt: parsed.c, id: parsed.i };
      } catch {
        cursor = null;
      }
      if (!cursor) throw new InputError('after', '`after` is not a cursor of this connection.');
    }
    const page = await this.deps.store.intents.listUnresolved({
      first: Math.max(0, Math.min(first, 100)),
      after: cursor,
    });
    return {
      ...page,
      cursor: (i) => Buffer.from(JSON.stringify({ c: i.createdAt.toISOString(), i: i.id })).toString('base64url'),
    };
  }

  /** After a successful write: the loaders answer the new state and the mirror records it (source `write`). */
  private async invalidate(account: AccountRecord): Promise<void> {
    await this.deps.loaders.remember([account], 'write');
    const key = { provider: account.provider, nativeId: account.nativeId };
    this.deps.loaders.account.clear(key).prime(key, account);
    this.deps.loaders.accountByUsername.clear({ provider: account.provider, username: account.username });
  }

  private async journal(
    operation: string,
    provider: ProviderName | undefined,
    target: string,
    input: Record<string, unknown>,
    outcome: AccountPayloadShape,
  ): Promise<void> {
    const first = outcome.userErrors[0];
    try {
      await this.deps.store.journal({
        actor: this.deps.viewer.actor,
        operation,
        provider: provider ?? null,
        target,
        input,
        outcome: first
          ? first.code === ErrorCode.OUTCOME_UNKNOWN || first.code === ErrorCode.UPSTREAM_TIMEOUT
            ? 'unknown'
            : 'error'
          : 'ok',
        errorCode: first?.code ?? null,
        requestId: this.deps.requestId,
      });
    } catch (error) {
      this.deps.logger.error(
        { err: error instanceof Error ? error.message : 'journal failed' },
        'journal write failed',
      );
    }
  }
}

/** A claimed intent while its owner works on it. `lost`: the heartbeat found the lease taken over. */
interface IntentSession {
  intent: WriteIntent;
  owner: string;
  lost: boolean;
}

interface IntentPlan {
  operation: 'createAccount' | 'renewAccount';
  provider: VpnProvider;
  key: string | null | undefined;
  /** What the idempotency key is bound to (no secrets). */
  hashInput: Record<string, unknown>;
  username?: string | null;
  target?: string | null;
  context: Record<string, unknown>;
  /** Creates are journaled here (renewals by onAccount). */
  journal?: { operation: AccountOperation; input: Record<string, unknown> };
  /** The vendor write, with reconciliation; settles the intent on success. */
  write(session: IntentSession): Promise<AccountPayloadShape>;
}

export type ProbeResult =
  { kind: 'applied'; account: AccountRecord } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * Finds out what became of an intent's write by asking the vendor about what the intent saved (the username
 * of a create, the account and its expiry before a renewal), and records it. Used by a retry with the same
 * key and by the background reconciler job (which has no request, viewer or loaders).
 */
export class IntentReconciler {
  constructor(
    private readonly deps: {
      registry: ProviderRegistry;
      store: Store;
      logger: Logger;
      reconcileWindowMs?: number;
      events?: AccountEvents;
    },
  ) {}

  async probe(intent: WriteIntent): Promise<ProbeResult> {
    const provider = this.deps.registry.get(intent.provider);
    const window = this.deps.reconcileWindowMs ?? 2_500;
    const ask = async <T>(read: () => Promise<T>): Promise<T | typeof FAILED> => {
      let waited = 0;
      const pauses = RECONCILE_PAUSES_MS.filter((p) => (waited += p) <= window);
      for (const pause of [0, ...pauses]) {
        if (pause > 0) await sleep(pause);
        try {
          return await read();
        } catch {
          // the read failed: cannot tell yet
        }
      }
      return FAILED;
    };
    if (intent.operation === 'createAccount') {
      const username = intent.username;
      if (!username)
        return {
          kind: 'unknown',
          reason: `${provider.name} picks the username and never named this account; an operator must look`,
        };
      const found = await ask(() => provider.findAccountByUsername(username));
      if (found === FAILED) return { kind: 'unknown', reason: `${provider.name} could not be asked about ${username}` };
      return found ? { kind: 'applied', account: found } : { kind: 'absent' };
    }
    if (intent.operation === 'renewAccount') {
      const target = intent.target;
      if (!target) return { kind: 'unknown', reason: 'the renewal names no account' };
      const before = (intent.context.expiresAtBefore as string | null | undefined) ?? null;
      const after = await ask(async () => {
        const [record] = await provider.getAccounts([target]);
        if (record instanceof ProviderError) throw record;
        return record ?? null;
      });
      if (after === FAILED) return { kind: 'unknown', reason: `${provider.name} could not be asked about the account` };
      if (!after) return { kind: 'unknown', reason: 'the account is gone' };
      return after.expiresAt !== before ? { kind: 'applied', account: after } : { kind: 'absent' };
    }
    return { kind: 'unknown', reason: `no reconciliation for ${intent.operation}` };
  }

  /**
   * Records a probe: applied → succeeded (a create enters the directory, its password still to be handed
   * out); absent → failed, free to run again with the same key; unknown → unknown. Answers the intent as it
   * now stands.
   */
  async settle(intent: WriteIntent, owner: string, probe: ProbeResult): Promise<WriteIntent> {
    const store = this.deps.store;
    if (probe.kind === 'applied') {
      const accountId = encodeId('Account', probe.account.provider, probe.account.nativeId);
      const result = {
        state: 'succeeded' as const,
        response: { accountId, userErrors: [] },
        resultAccountId: accountId,
      };
      if (intent.operation === 'createAccount') {
        const customerRef = typeof intent.context.customerRef === 'string' ? intent.context.customerRef : null;
        await store.completeCreate(
          intent.id,
          owner,
          {
            provider: probe.account.provider,
            nativeId: probe.account.nativeId,
            username: probe.account.username,
            customerId: customerRef,
            via: 'api',
          },
          result,
          (tx) =>
            (this.deps.events ?? new AccountEvents(store.db, { actor: 'reconciler' })).written(
              'CREATE',
              probe.account,
              null,
              probe.account,
              tx,
            ),
        );
      } else {
        await store.intents.finish(intent.id, owner, { ...result, credentialsDelivered: true });
      }
    } else if (probe.kind === 'absent') {
      await store.intents.finish(intent.id, owner, {
        state: 'failed',
        retryAllowed: true,
        errorCode: null,
        errorMessage: 'the vendor confirmed the write did not happen',
      });
    } else {
      await store.intents.finish(intent.id, owner, {
        state: 'unknown',
        errorCode: ErrorCode.OUTCOME_UNKNOWN,
        errorMessage: probe.reason,
      });
    }
    return (await store.intents.get(intent.id)) ?? intent;
  }

  /** One pass of the background job: lease due intents (never one a live owner holds), probe, settle. */
  async runOnce(
    options: { limit?: number; leaseMs?: number; olderThanMs?: number } = {},
  ): Promise<Record<ProbeResult['kind'], number>> {
    const owner = newLeaseOwner();
    const due = await this.deps.store.intents.leaseForReconcile(
      owner,
      options.leaseMs ?? DEFAULT_LEASE_MS,
      options.limit ?? 50,
      options.olderThanMs ?? 0,
    );
    const counts = { applied: 0, absent: 0, unknown: 0 };
    for (const intent of due) {
      let probe: ProbeResult;
      try {
        probe = await this.probe(intent);
      } catch (error) {
        probe = { kind: 'unknown', reason: error instanceof Error ? error.message : 'reconciliation failed' };
      }
      await this.settle(intent, owner, probe);
      counts[probe.kind] += 1;
      this.deps.logger.info(
        { intent: intent.id, provider: intent.provider, operation: intent.operation, outcome: probe.kind },
        'intent reconciled',
      );
    }
    return counts;
  }
}

const FAILED = Symbol('read failed');

/**
 * What a failed vendor write means for its intent. `unknown`: it may have happened (timeout, reset after
 * send, 5xx, unreadable answer, a failed step after the write such as the read-back, anything unexpected);
 * `retryable`: it surely did not (not sent, refused with 429); `failed`: the vendor answered no.
 */
export function classifyWriteFailure(error: unknown, writeOperation: string): 'unknown' | 'retryable' | 'failed' {
  if (error instanceof InputError) return 'failed';
  if (!(error instanceof ProviderError)) return 'unknown';
  if (error.outcomeUnknown || error.code === ErrorCode.OUTCOME_UNKNOWN) return 'unknown';
  if (error.code === ErrorCode.UNAUTHENTICATED_UPSTREAM || error.code === ErrorCode.UNSUPPORTED_BY_PROVIDER)
    return 'failed';
  const ownCall = error.operation === writeOperation;
  if (error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.UPSTREAM_TIMEOUT) {
    // Only a transport failure that names a connection never made is "not sent" (http.ts flags the rest).
    return ownCall && error.status === undefined && NOT_SENT.test(error.message) ? 'retryable' : 'unknown';
  }
  if (!ownCall) return 'unknown'; // a step before or after the write inside the provider: reconciliation tells
  return error.code === ErrorCode.RATE_LIMITED ? 'retryable' : 'failed';
}

const NOT_SENT = /circuit open|\((ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\)/;

function outcomeUnknown(provider: ProviderName, operation: string, why: string): ProviderError {
  return new ProviderError({
    provider,
    operation,
    code: ErrorCode.OUTCOME_UNKNOWN,
    message: `${provider} did not confirm ${operation}; its outcome is unknown (${why}).`,
    retryable: false,
    outcomeUnknown: true,
  });
}

/** Every attempt failed and the vendor confirmed each time that nothing happened. */
function confirmedNotApplied(error: unknown, provider: ProviderName, operation: string): ProviderError {
  const code = error instanceof ProviderError ? error.code : ErrorCode.UPSTREAM_UNAVAILABLE;
  return new ProviderError({
    provider,
    operation,
    code,
    message: `${provider} failed ${operation} ${MAX_WRITE_ATTEMPTS} times; it confirmed nothing was done.`,
    retryable: true,
  });
}

function unknownPayload(intent: WriteIntent, detail?: string | null): AccountPayloadShape {
  const why = detail ?? intent.lastErrorMessage ?? 'the provider could not confirm it';
  return {
    account: null,
    password: null,
    userErrors: [
      {
        field: null,
        message: `Outcome unknown (intent ${intent.id}): ${why.replace(/\.?$/, '.')} Retry with the same idempotency key; it will not write twice.`,
        code: ErrorCode.OUTCOME_UNKNOWN,
      },
    ],
  };
}

interface StoredPayload {
  accountId: string | null;
  userErrors: UserErrorShape[];
}

/** What an idempotency record keeps: the account id and the userErrors — never the password. */
function storedForm(payload: AccountPayloadShape): StoredPayload {
  return {
    accountId: payload.account ? encodeId('Account', payload.account.provider, payload.account.nativeId) : null,
    userErrors: payload.userErrors,
  };
}

function randomText(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += USERNAME_ALPHABET[Math.floor(Math.random() * USERNAME_ALPHABET.length)];
  return out;
}

/** Rules that hold whatever the provider: sizes, dates, numbers. */
function commonChecks(input: Record<string, unknown> | CreateAccountInput, operation?: AccountOperation): InputError[] {
  const i = input as Record<string, unknown>;
  const errors: InputError[] = [];
  const str = (name: string, max: number) => {
    const v = i[name];
    if (typeof v === 'string' && (v.length === 0 || v.length > max))
      errors.push(new InputError(name, `\`${name}\` must be 1 to ${max} characters.`));
  };
  str('username', 128);
  str('password', 128);
  str('planCode', 64);
  if (typeof i.periodDays === 'number' && (!Number.isInteger(i.periodDays) || i.periodDays <= 0)) {
    errors.push(new InputError('periodDays', '`periodDays` must be a positive whole number of days.'));
  }
  if (typeof i.date === 'string' && !isYmd(i.date))
    errors.push(new InputError('date', '`date` must be a date written YYYY-MM-DD.'));
  else if (operation === AccountOperation.EXTEND && typeof i.date === 'string' && i.date <= todayYmd()) {
    errors.push(new InputError('date', 'The new expiry must be in the future (use expireAccount to end the service).'));
  }
  if (
    typeof i.kilobytesPerSecond === 'number' &&
    (!Number.isInteger(i.kilobytesPerSecond) || i.kilobytesPerSecond <= 0)
  ) {
    errors.push(
      new InputError(
        'kilobytesPerSecond',
        '`kilobytesPerSecond` must be a positive whole number (or null to remove the limit).',
      ),
    );
  }
  return errors;
}

/** A domain error as a mutation userError (field paths under `input`); anything else is rethrown. */
export function toUserError(error: unknown): UserErrorShape {
  if (error instanceof InputError) return { field: ['input', error.field], message: error.message, code: error.code };
  if (error instanceof ProviderError)
    return { field: error.field ? ['input', error.field] : null, message: error.message, code: error.code };
  throw error;
}

function unsupported(provider: VpnProvider, operation: AccountOperation): AccountPayloadShape {
  return {
    account: null,
    userErrors: [
      {
        field: null,
        message: `${provider.name} does not support ${operation}.`,
        code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
      },
    ],
  };
}

function failure(error: unknown): AccountPayloadShape {
  return { account: null, userErrors: [toUserError(error)] };
}

/** The hash an idempotency key is bound to: sha256 of the input in a stable key order, undefined fields left out. */
export function hashIntentInput(input: Record<string, unknown>): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
