import { ProviderError, InputError } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import { AccountOperation, type CreateAccountInput } from '../../providers/port.js';
import type { WriteIntent } from '../../core/store/intent-rows.js';
import type { AccountRecord } from '../../domain/records.js';
import { isUuid } from '../../lib/uuid.js';
import { ScopeGuard } from '../../core/access/scope-guard.js';
import { AccountEvents } from '../../core/events/account-events.js';
import { simple, type WriteOptions } from './account-operations.js';
import { createAccount, type CreateLink } from './create.js';
import { deliverOnce, passwordFor } from './credentials.js';
import { IntentReconciler } from './reconciler.js';
import { renewAccount } from './renew.js';
import { settleIntent, type SettleOutcome } from './settle.js';
import { DEFAULT_LEASE_MS } from './timing.js';
import { type AccountPayloadShape, type LifecycleContext, type LifecycleDeps } from './shared.js';
import { type UserErrorShape } from '../../core/error-mapping.js';

/**
 * Every lifecycle mutation goes through here: capability check → input rules (ours and the provider's,
 * before any upstream call) → write-ahead intent with the idempotency claim (every vendor write) → provider
 * call → reconciliation by evidence when the outcome is unknown → store registry + journal. Failures come back as userErrors, never as thrown errors.
 * The steps live in lifecycle/: account-operations (the common path of a write on one account), create, renew,
 * intent-runner (claim, lease, replay), write-failure (classify, reconcile one write), reconciler (IntentReconciler), shared.
 */

export class LifecycleService {
  private readonly ctx: LifecycleContext;

  constructor(deps: LifecycleDeps) {
    const scope = deps.scope ?? new ScopeGuard(deps);
    const events = deps.events ?? new AccountEvents(deps.store.db, { actor: deps.viewer.actor });
    this.ctx = {
      deps,
      scope,
      events,
      reconciler: new IntentReconciler({ ...deps, events }),
      leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
    };
  }

  // ---- account lifecycle -----------------------------------------------------------------------

  createAccount(
    input: CreateAccountInput & { provider: ProviderName; customerId?: string | null; idempotencyKey?: string | null },
    link?: CreateLink,
  ): Promise<AccountPayloadShape> {
    return createAccount(this.ctx, input, link);
  }

  renewAccount(
    accountId: string,
    periodDays: number,
    planCode: string | null | undefined,
    idempotencyKey: string | null | undefined,
  ): Promise<AccountPayloadShape> {
    return renewAccount(this.ctx, accountId, periodDays, planCode, idempotencyKey);
  }

  enableAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(this.ctx, accountId, AccountOperation.ENABLE, {}, (p, id) => p.enableAccount(id), options);
  }
  disableAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(this.ctx, accountId, AccountOperation.DISABLE, {}, (p, id) => p.disableAccount(id), options);
  }
  extendAccount(accountId: string, date: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.EXTEND,
      { date },
      (p, id) => p.extendAccount(id, date),
      options,
    );
  }
  expireAccount(
    accountId: string,
    date: string | null | undefined,
    options: WriteOptions = {},
  ): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.EXPIRE,
      date ? { date } : {},
      (p, id) => p.expireAccount(id, date ?? undefined),
      options,
    );
  }
  changePlan(accountId: string, planCode: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.CHANGE_PLAN,
      { planCode },
      (p, id) => p.changePlan(id, planCode),
      options,
    );
  }
  reopenAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(this.ctx, accountId, AccountOperation.REOPEN, {}, (p, id) => p.reopenAccount(id), options);
  }
  anonymiseAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(this.ctx, accountId, AccountOperation.ANONYMISE, {}, (p, id) => p.anonymiseAccount(id), options);
  }
  setBandwidthLimit(accountId: string, kbps: number | null, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.SET_BANDWIDTH_LIMIT,
      { kilobytesPerSecond: kbps },
      (p, id) => p.setBandwidthLimit(id, kbps),
      options,
    );
  }
  revokeSessions(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.REVOKE_SESSIONS,
      {},
      async (p, id) => {
        await p.revokeSessions(id);
        const [after] = await p.getAccounts([id]);
        if (after instanceof ProviderError) throw after;
        return after ?? null;
      },
      options,
    );
  }

  async changePassword(
    accountId: string,
    password: string | null | undefined,
    options: WriteOptions = {},
  ): Promise<AccountPayloadShape> {
    const chosen = password ?? passwordFor(this.ctx, accountId);
    // The key is bound to what the caller sent (a generated password is new on every attempt).
    const result = await simple(
      this.ctx,
      accountId,
      AccountOperation.CHANGE_PASSWORD,
      { password: chosen },
      (p, id) => p.changePassword(id, chosen),
      { ...options, hashArgs: { password: password ?? null } },
    );
    return { ...result, password: result.userErrors.length === 0 && !result.replayed ? chosen : null };
  }

  /** Close where the provider closes (WLVPN), delete where it deletes (the others). */
  async closeAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    const gid = decodeId(accountId);
    if (gid && gid.type === 'Account' && gid.source !== 'STORE') {
      const provider = this.ctx.deps.registry.get(gid.source);
      if (!provider.capabilities.has(AccountOperation.CLOSE) && provider.capabilities.has(AccountOperation.DELETE)) {
        return this.deleteAccount(accountId, options);
      }
    }
    return simple(this.ctx, accountId, AccountOperation.CLOSE, {}, (p, id) => p.closeAccount(id), options);
  }

  deleteAccount(accountId: string, options: WriteOptions = {}): Promise<AccountPayloadShape> {
    return simple(
      this.ctx,
      accountId,
      AccountOperation.DELETE,
      {},
      async (p, id) => {
        await p.deleteAccount(id);
        return null;
      },
      options,
    );
  }

  /**
   * A fresh password for an account whose password nobody has seen (a moved account), answered to the one
   * caller that takes `once` (atomic); given back when the vendor refused it.
   */
  async deliverPasswordOnce(
    account: AccountRecord,
    once: { take(): Promise<boolean>; undo(): Promise<void> },
  ): Promise<AccountPayloadShape> {
    const provider = this.ctx.deps.registry.get(account.provider);
    const delivered = await deliverOnce(this.ctx, provider, account, once);
    return { account: delivered.account, password: delivered.password, userErrors: delivered.userErrors };
  }

  /** An operator's verdict on an unresolved intent (settle.ts). */
  settleIntent(
    id: string,
    outcome: SettleOutcome,
    nativeId: string | null | undefined,
  ): Promise<{ intent: WriteIntent | null; userErrors: UserErrorShape[] }> {
    return settleIntent(this.ctx, id, outcome, nativeId);
  }

  /** Intents nobody can finish alone (operators): a page, oldest first. */
  async unresolvedIntents(
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: WriteIntent[]; hasNextPage: boolean; totalCount: number; cursor(intent: WriteIntent): string }> {
    this.ctx.scope.requireUnscoped('unresolvedIntents');
    let afterId: string | null = null;
    if (after) {
      try {
        const parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as { i?: unknown };
        if (isUuid(parsed.i)) afterId = parsed.i;
      } catch {
        afterId = null;
      }
      if (!afterId) throw new InputError('after', '`after` is not a cursor of this connection.');
    }
    const page = await this.ctx.deps.store.intents.listUnresolved({
      first: Math.max(0, Math.min(first, 100)),
      afterId,
    });
    return {
      ...page,
      cursor: (i) => Buffer.from(JSON.stringify({ i: i.id })).toString('base64url'),
    };
  }
}
