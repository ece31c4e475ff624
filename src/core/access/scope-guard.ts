import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { ErrorCode, InputError } from '../../domain/errors.js';
import { decodeId, encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, CustomerRecord } from '../../domain/records.js';
import type { Scope, Viewer } from '../../domain/viewer.js';
import type { Loaders } from '../loaders/loaders.js';
import { ScopeStore, termsOf, type OwnerTerms } from '../store/scopes.js';
import type { Db } from '../db/db.js';
import type { Store } from '../store/store.js';
import { DEFAULT_SCOPE_RULES, renewalRefusal, type ScopeRefusal, type ScopeRules } from './scope-rules.js';

/**
 * The scope guard (issue #21): the ONE place that decides what a scoped credential (customer portal,
 * sub-reseller) reaches. Every read and write path asks it — accounts, customers, projects, nodes and
 * federation references (through those services), usage, connection configs, lifecycle mutations — and an
 * unscoped caller passes every check without a query.
 *
 * Ownership is the directory link: account_registry.customer_id (the global Customer id or a bare store /
 * provider id) is a customer of the scope, or account_registry.project_id is a project of the scope. It is
 * read from the database, never from the vendor, so an id outside the scope answers exactly like a missing
 * one (null / NOT_FOUND "No such account."), with no vendor call to time.
 *
 * Not for scoped callers at all: unresolvedIntents, sync / drift, the journal (actors), and — when they land
 * — webhooks and bulk jobs (call `requireUnscoped` at their service entry).
 */

export interface ScopeDeps {
  viewer: Viewer;
  store: Store;
  loaders: Loaders;
  rules?: ScopeRules;
}

type Key = { provider: ProviderName; nativeId: string };

const DAY_MS = 86_400_000;
/** Verbs that add time: a customer's renewal bounds apply to each (a plan change buys a period where the vendor adds one). */
export const TIME_ADDING: ReadonlySet<string> = new Set(['RENEW', 'EXTEND', 'CHANGE_PLAN']);

export class ScopeGuard {
  readonly scope: Scope | null;
  private readonly db: ScopeStore;
  private readonly rules: ScopeRules;
  private termsCache: OwnerTerms | null = null;
  private identityCache: string | null = null;
  private readonly owned: DataLoader<Key, boolean, string>;

  constructor(private readonly deps: ScopeDeps) {
    this.scope = deps.viewer.scope ?? null;
    this.db = new ScopeStore(deps.store.db);
    this.rules = deps.rules ?? DEFAULT_SCOPE_RULES;
    // Ownership is read from the directory as every earlier answer left it (a live read's write-back may be queued).
    this.owned = new DataLoader(async (keys) => (await deps.loaders.settled(), this.db.owned(this.terms(), keys)), {
      cacheKeyFn: (k) => `${k.provider}:${k.nativeId}`,
    });
  }

  get scoped(): boolean {
    return this.scope !== null;
  }

  /** Scoped callers never see vendor detail: `providerStatus`, `metadata` (and journal actors) answer null. */
  get hidesVendorDetail(): boolean {
    return this.scoped;
  }

  /** Refuses (FORBIDDEN) what no scoped caller may reach: intents, sync/drift, journal, webhooks, bulk. */
  requireUnscoped(what: string): void {
    if (this.scope) throw new InputError('', `A scoped credential cannot use ${what}.`, ErrorCode.FORBIDDEN);
  }

  // ---- accounts --------------------------------------------------------------------------------

  /** True when the account is the scope's (always, unscoped). Missing and foreign ids both answer false. */
  async ownsAccount(key: Key): Promise<boolean> {
    if (!this.scope) return true;
    return this.owned.load({ provider: key.provider, nativeId: key.nativeId });
  }

  async ownsUsername(provider: ProviderName, username: string): Promise<boolean> {
    if (!this.scope) return true;
    await this.deps.loaders.settled();
    return this.db.ownsUsername(this.terms(), provider, username);
  }

  /** The record when the scope owns it, else null (what a missing account answers). */
  async visible<T extends AccountRecord | null>(record: T): Promise<T | null> {
    if (!record || !this.scope) return record;
    return (await this.ownsAccount(record)) ? record : null;
  }

  /** Throws NOT_FOUND (as for a missing account) unless the scope owns it. */
  async assertOwns(record: AccountRecord, field = 'accountId'): Promise<void> {
    if (!(await this.ownsAccount(record))) throw new InputError(field, 'No such account.', ErrorCode.NOT_FOUND);
  }

  /**
   * The ownership predicate of a scoped accounts list (`MirrorFilter.owner`): the scope's terms, narrowed by the
   * filter's customer / project; null when the filter names one outside the scope (the list is then empty, as
   * for a missing one). Null for unscoped callers too (no predicate).
   */
  async listTerms(customerId: string | null, projectId: string | null): Promise<OwnerTerms | null> {
    if (!this.scope) return null;
    return this.narrowed(customerId, projectId);
  }

  // ---- customers and projects ------------------------------------------------------------------

  /** A customer is the scope's when it is named, or (sub-resellers) it belongs to a project of the scope. */
  ownsCustomer(record: CustomerRecord): boolean {
    if (!this.scope) return true;
    const id = encodeId('Customer', record.provider ?? 'STORE', record.nativeId);
    if (this.scope.customerIds.includes(id)) return true;
    return (
      record.provider !== null &&
      record.projectNativeId !== null &&
      this.scope.projectIds.includes(encodeId('Project', record.provider, record.projectNativeId))
    );
  }

  ownsProject(key: Key): boolean {
    return !this.scope || this.scope.projectIds.includes(encodeId('Project', key.provider, key.nativeId));
  }

  // ---- writes ------------------------------------------------------------------------------------

  /** A refusal when the scope may not run `operation` at all (it names no account: nothing to probe). */
  refuseOperation(operation: string): ScopeRefusal | null {
    if (!this.scope || this.scope.ops.has(operation)) return null;
    return { field: null, message: `This credential may not run ${operation}.`, code: ErrorCode.FORBIDDEN };
  }

  /**
   * The check every account mutation passes before any vendor call: the operation is allowed, the account is
   * the scope's (else NOT_FOUND, as for a missing id), and a customer's renewal keeps the reseller's rules.
   */
  async refuseAccountWrite(
    key: Key,
    operation: string,
    input: { periodDays?: unknown; date?: unknown },
  ): Promise<ScopeRefusal | null> {
    if (!this.scope) return null;
    const refused = this.refuseOperation(operation);
    if (refused) return refused;
    if (!(await this.ownsAccount(key)))
      return { field: ['input', 'accountId'], message: 'No such account.', code: ErrorCode.NOT_FOUND };
    if (this.scope.kind === 'customer' && TIME_ADDING.has(operation))
      return renewalRefusal(this.deps.loaders, this.rules, key, operation, input);
    return null;
  }

  /** A customer's renewal without an idempotency key, when the reseller requires one (names no account). */
  refuseRenewWithoutKey(idempotencyKey: string | null | undefined): ScopeRefusal | null {
    if (this.scope?.kind !== 'customer' || !this.rules.renewRequiresKey || idempotencyKey) return null;
    return {
      field: ['input', 'idempotencyKey'],
      message: 'Renewals need an `idempotencyKey`.',
      code: ErrorCode.VALIDATION,
    };
  }

  /** Create by a sub-reseller: the customer must be the scope's; then one unit of quota is taken. */
  async refuseCreate(customerId: string | null, newCustomer: boolean): Promise<ScopeRefusal | null> {
    if (!this.scope) return null;
    const refused = this.refuseOperation('CREATE');
    if (refused) return refused;
    const gid = customerId ? decodeId(customerId) : null;
    if (newCustomer || !customerId || !gid || gid.type !== 'Customer') {
      return {
        field: ['input', 'customerId'],
        message: 'A scoped credential creates accounts for a customer of its scope: give `customerId`.',
        code: ErrorCode.FORBIDDEN,
      };
    }
    const customer = await this.deps.loaders.customer.load({
      provider: gid.source === 'STORE' ? null : gid.source,
      nativeId: gid.nativeId,
    });
    if (!customer || !this.ownsCustomer(customer))
      return { field: ['input', 'customerId'], message: 'No such customer.', code: ErrorCode.NOT_FOUND };
    return null;
  }

  /**
   * The scope's identity: what it owns (kind, customers, projects), not the credential's name — two tokens
   * for the same customers are one tenant, one quota. Null for unscoped callers (the reseller).
   */
  get identity(): string | null {
    if (!this.scope) return null;
    this.identityCache ??= createHash('sha256')
      .update(JSON.stringify([this.scope.kind, [...this.scope.customerIds].sort(), [...this.scope.projectIds].sort()]))
      .digest('base64url')
      .slice(0, 22);
    return this.identityCache;
  }

  /** The namespace idempotency keys live in: the scope, or the reseller for unscoped credentials. */
  get tenant(): string {
    return this.identity ? `scope:${this.identity}` : 'reseller';
  }

  /**
   * The claim-time check of a write that opens an account (create, reopen) under a quota: one unit is
   * reserved in the intent's transaction, or QUOTA_EXCEEDED. Undefined when no quota applies.
   */
  quotaGuard(): ((tx: Db) => Promise<void>) | undefined {
    const scope = this.scope;
    const identity = this.identity;
    if (!scope || scope.quota === null || !identity) return undefined;
    const quota = scope.quota;
    return async (tx) => {
      if (!(await this.db.reserveOpenAccount(tx, identity, quota, this.terms()))) {
        const refusal = this.quotaRefusal();
        throw new InputError('', refusal.message, refusal.code);
      }
    };
  }

  /** Open accounts the scope owns plus its open reservations (null: no quota). */
  async quotaUsed(): Promise<number | null> {
    if (!this.scope || this.scope.quota === null || !this.identity) return null;
    return this.db.openUnits(this.identity, this.terms());
  }

  /**
   * The claim-time check of a customer's time-adding write (renew, extend, plan change): under the account's
   * lock, no other such write may be open, and the expiry it would start from — the later of the vendor's and
   * the one the last succeeded time-adding write left — must be within the renewal window. N concurrent
   * requests with N keys: one passes. Undefined for everyone but customers.
   */
  timeGuard(key: Key, expiresAtBefore: string | null): ((tx: Db) => Promise<void>) | undefined {
    if (this.scope?.kind !== 'customer') return undefined;
    const rules = this.rules;
    const intents = this.deps.store.intents;
    return async (tx) => {
      const earlier = await intents.timeAdding(tx, `${key.provider}:${key.nativeId}`);
      if (earlier.some((i) => i.state === 'pending' || i.state === 'unknown'))
        throw new InputError(
          '',
          'Another renewal of this account is in progress; ask again in a moment.',
          ErrorCode.CONFLICT,
        );
      let from = expiresAtBefore ? Date.parse(expiresAtBefore) : Number.NaN;
      for (const intent of earlier) {
        const left = intent.context.expiresAtAfter;
        if (typeof left === 'string' && !(Date.parse(left) <= from)) from = Date.parse(left);
      }
      if (!Number.isFinite(from) || from > Date.now() + rules.renewWithinDays * DAY_MS)
        throw new InputError(
          '',
          `Renewal opens ${rules.renewWithinDays} days before the account expires.`,
          ErrorCode.FORBIDDEN,
        );
    };
  }

  quotaRefusal(): ScopeRefusal {
    return {
      field: null,
      message: `The quota of ${this.scope?.quota ?? 0} open accounts is used up.`,
      code: ErrorCode.QUOTA_EXCEEDED,
    };
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** The scope's terms, narrowed by a list filter's customer / project; null when the filter leaves it. */
  private async narrowed(customerId: string | null, projectId: string | null): Promise<OwnerTerms | null> {
    let terms = this.terms();
    if (customerId) {
      const gid = decodeId(customerId);
      if (!gid || gid.type !== 'Customer')
        throw new InputError('customerId', '`customerId` is not a valid Customer id.');
      const customer = await this.deps.loaders.customer.load({
        provider: gid.source === 'STORE' ? null : gid.source,
        nativeId: gid.nativeId,
      });
      if (!customer || !this.ownsCustomer(customer)) return null;
      terms = termsOf([customerId], []);
    }
    if (projectId) {
      const gid = decodeId(projectId);
      if (!gid || gid.type !== 'Project') throw new InputError('projectId', '`projectId` is not a valid Project id.');
      if (!this.scope?.projectIds.includes(projectId)) return null;
      terms = customerId ? terms : termsOf([], [projectId]);
    }
    return terms;
  }

  private terms(): OwnerTerms {
    this.termsCache ??= termsOf(this.scope?.customerIds ?? [], this.scope?.projectIds ?? []);
    return this.termsCache;
  }
}
