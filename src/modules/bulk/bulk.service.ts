import { createHmac } from 'node:crypto';
import { ErrorCode, InputError, InputErrors } from '../../domain/errors.js';
import { decodeAccountId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import { bulkRateVariable } from '../../providers/module.js';
import type { Env } from '../../config/config.js';
import type { AccountStatus } from '../../domain/records.js';
import { AccountOperation } from '../../providers/port.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { BulkStore } from './bulk.store.js';
import { type BulkItemRecord, type BulkItemStatus, type BulkOperationRecord, type NewBulkItem } from './bulk.rows.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { hashIntentInput } from '../../lib/intent-hash.js';
import { retireOperation } from '../moves/index.js';
import { storedViewer } from '../moves/index.js';
import { sealSecret } from '../webhooks/index.js';
import { decodeOwn, ownId } from '../webhooks/index.js';

/**
 * Bulk account operations: validated and recorded here (every item pre-flighted against the directory: ids it
 * does not hold, or that the caller's scope does not own, fail NOT_FOUND; operations the provider cannot do are
 * SKIPPED with UNSUPPORTED_BY_PROVIDER, input the provider would refuse fails VALIDATION — all before any vendor
 * call), run by the `bulk-operations` job (BulkRunner).
 *
 * The idempotency key's request hash covers every argument as given (a chosen password as an HMAC under the
 * encryption key, never the password); reusing a key with anything different answers CONFLICT. A chosen
 * CHANGE_PASSWORD password is stored only sealed (AES-256-GCM under WEBHOOK_ENCRYPTION_KEY, the key that seals
 * webhook secrets) and set to NULL when the operation ends; without that key a chosen password is refused and
 * only per-account random passwords (generated when each item runs, never stored) are available.
 */

export const BULK_JOB = 'bulk-operations';
export const MAX_BULK_ITEMS = 10_000;

export type BulkAction =
  'ENABLE' | 'DISABLE' | 'RENEW' | 'EXTEND' | 'EXPIRE' | 'CHANGE_PLAN' | 'CLOSE' | 'CHANGE_PASSWORD' | 'MOVE';

export interface BulkArgs {
  periodDays?: number | null;
  /** EXTEND: new expiry; EXPIRE: when (default now). YYYY-MM-DD. */
  date?: string | null;
  planCode?: string | null;
  /** CHANGE_PASSWORD: the new password for every account (default: a fresh random one each, never shown). */
  password?: string | null;
  /** MOVE: the provider every account moves to (`planCode`: the target plan, optional). */
  toProvider?: ProviderName | null;
  /** MOVE: keep each account's username at the target. */
  keepUsername?: boolean | null;
}

export interface BulkSelectionFilter {
  providers?: readonly ProviderName[] | null;
  statuses?: readonly AccountStatus[] | null;
  usernamePrefix?: string | null;
}

export interface StartBulkInput {
  accountIds?: readonly string[] | null;
  filter?: BulkSelectionFilter | null;
  action: BulkAction;
  args?: BulkArgs | null;
  idempotencyKey?: string | null;
}

/** The lifecycle operation (capability) behind each action; CLOSE is served by CLOSE or DELETE. */
export const OPERATION_OF: Record<BulkAction, AccountOperation> = {
  ENABLE: AccountOperation.ENABLE,
  DISABLE: AccountOperation.DISABLE,
  RENEW: AccountOperation.RENEW,
  EXTEND: AccountOperation.EXTEND,
  EXPIRE: AccountOperation.EXPIRE,
  CHANGE_PLAN: AccountOperation.CHANGE_PLAN,
  CLOSE: AccountOperation.CLOSE,
  CHANGE_PASSWORD: AccountOperation.CHANGE_PASSWORD,
  // A move creates at the target (checked for the operation) and retires the source (checked per item).
  MOVE: AccountOperation.CREATE,
};

/** BULK_RATE_<PROVIDER>: vendor calls per minute bulk operations may make on that provider; 0 = not paced. */
export function bulkRate(env: Env, provider: ProviderName): number {
  return env[bulkRateVariable(provider)];
}

export function supports(registry: ProviderRegistry, provider: ProviderName, action: BulkAction): boolean {
  const caps = registry.get(provider).capabilities;
  return caps.has(OPERATION_OF[action]) || (action === 'CLOSE' && caps.has(AccountOperation.DELETE));
}

/** The input a provider's rules check for an action. */
export function ruleInput(action: BulkAction, args: BulkArgs): Record<string, unknown> {
  switch (action) {
    case 'RENEW':
      return { periodDays: args.periodDays, ...(args.planCode ? { planCode: args.planCode } : {}) };
    case 'EXTEND':
    case 'EXPIRE':
      return args.date ? { date: args.date } : {};
    case 'CHANGE_PLAN':
      return { planCode: args.planCode };
    case 'CHANGE_PASSWORD':
      return args.password ? { password: args.password } : {};
    default:
      return {};
  }
}

export class BulkService {
  private readonly store: BulkStore;

  constructor(private readonly kernel: ServiceKernel) {
    this.store = new BulkStore(kernel.store.db);
  }

  async start(input: StartBulkInput): Promise<BulkOperationRecord> {
    if (input.action === 'MOVE') this.requireMover();
    else this.requireOperator();
    const args = given(input.args ?? {});
    const key = this.kernel.deps.config.env.WEBHOOK_ENCRYPTION_KEY;
    const problems: InputError[] = [];
    if (args.password != null && input.action !== 'CHANGE_PASSWORD')
      problems.push(new InputError('args.password', '`password` is an argument of CHANGE_PASSWORD only.'));
    else if (args.password != null && !key)
      problems.push(
        new InputError(
          'args.password',
          'A chosen password needs WEBHOOK_ENCRYPTION_KEY (it is kept encrypted until the operation ends); leave `args.password` out to give each account a fresh random one.',
        ),
      );
    if (input.idempotencyKey && input.idempotencyKey.length > 200)
      problems.push(new InputError('idempotencyKey', '`idempotencyKey` is at most 200 characters.'));
    if (input.accountIds && input.filter)
      problems.push(new InputError('accountIds', 'Give either `accountIds` or `filter`, not both.'));
    else if (!input.accountIds && !input.filter)
      problems.push(new InputError('accountIds', 'Give `accountIds` or `filter` to select accounts.'));
    else if (input.accountIds && input.accountIds.length === 0)
      problems.push(new InputError('accountIds', 'The selection is empty.'));
    else if (input.accountIds && input.accountIds.length > MAX_BULK_ITEMS)
      problems.push(new InputError('accountIds', `At most ${MAX_BULK_ITEMS} accounts per bulk operation.`));
    problems.push(...argProblems(input.action, args));
    if (input.action === 'MOVE') problems.push(...this.moveProblems(args));
    if (problems.length) throw new InputErrors(problems);

    // The directory as every earlier answer left it: accounts a live read just found are queued for the store
    // after that answer (core/mirror/write-back.ts); a selection made right after must find them.
    await this.kernel.loaders.settled();
    let ids: string[];
    if (input.accountIds) ids = [...input.accountIds];
    else {
      ids = await this.select(input.filter!);
      // A scope selects among its own accounts (what it does not own is not even counted).
      if (this.kernel.scope.scoped) {
        const owned = await Promise.all(
          ids.map((id) => {
            const k = decodeAccountId(id);
            return k ? this.kernel.scope.ownsAccount(k) : Promise.resolve(false);
          }),
        );
        ids = ids.filter((_, i) => owned[i]);
      }
      if (ids.length === 0) throw new InputError('filter', 'No account matches the filter.');
      if (ids.length > MAX_BULK_ITEMS)
        throw new InputError('filter', `The filter selects more than ${MAX_BULK_ITEMS} accounts; narrow it.`);
    }
    const items = await this.preflight(ids, input.action, args);
    const { password, ...plainArgs } = args;
    // Every argument as given (the selection as asked, not as resolved: the directory may change between retries).
    const requestHash = hashIntentInput({
      accountIds: input.accountIds ? [...input.accountIds] : null,
      filter: input.filter ? given({ ...input.filter }) : null,
      action: input.action,
      args: { ...plainArgs, password: password != null && key ? passwordDigest(password, key) : undefined },
    });
    const { operation, created, mismatch } = await this.store.create({
      // MOVE: the scope's namespace, as moveAccount's keys (a scope's second credential answers the same operation).
      idempotencyKey: input.idempotencyKey
        ? input.action === 'MOVE'
          ? `${this.kernel.scope.tenant}:move:${input.idempotencyKey}`
          : `${this.kernel.deps.viewer.actor}:${input.idempotencyKey}`
        : null,
      requestHash,
      action: input.action,
      // MOVE: the source action is fixed when the operation starts (MOVE_SOURCE_ACTION; the pre-flight checked it).
      args:
        input.action === 'MOVE'
          ? { ...plainArgs, sourceAction: this.kernel.deps.config.env.MOVE_SOURCE_ACTION }
          : plainArgs,
      // Needed to run the items; sealed, and set to NULL when the operation ends.
      sealedPassword: password != null && key ? sealSecret(password, key) : null,
      actor: this.kernel.deps.viewer.actor,
      viewer: input.action === 'MOVE' ? storedViewer(this.kernel.deps.viewer) : null,
      tenant: this.kernel.scope.tenant,
      items,
    });
    if (mismatch)
      throw new InputError('idempotencyKey', 'This idempotency key was used with different input.', ErrorCode.CONFLICT);
    if (created) await this.kernel.deps.jobs?.send(BULK_JOB, { operationId: operation.id }).catch(() => null);
    return operation;
  }

  /** `node(id)`: the operation as the API shows it; null for callers who may not see it. */
  async node(rawId: string): Promise<BulkOperationView | null> {
    const op = this.visible(await this.store.get(rawId));
    return op ? bulkOperationView(op) : null;
  }

  async get(id: string): Promise<BulkOperationRecord | null> {
    if (this.kernel.scope.scope?.kind === 'customer') this.kernel.scope.requireUnscoped('bulk operations');
    const raw = decodeOwn('BulkOperation', id);
    return raw ? this.visible(await this.store.get(raw)) : null;
  }

  /**
   * Operators see every operation; a sub-reseller (operator role) sees the MOVE operations of its scope (whichever
   * of its credentials started them); customers none.
   */
  private visible(op: BulkOperationRecord | null): BulkOperationRecord | null {
    if (!op || !this.kernel.deps.viewer.roles.has('operator')) return null;
    const scope = this.kernel.scope;
    if (!scope.scoped) return op;
    if (scope.scope?.kind === 'customer') return null;
    return op.tenant === scope.tenant ? op : null;
  }

  async items(
    operationId: string,
    statuses: readonly BulkItemStatus[] | null,
    first: number,
    after: string | null,
  ): Promise<{ items: BulkItemRecord[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 0 || first > 1000)
      throw new InputError('first', '`first` must be between 0 and 1000.');
    let afterSeq: number | null = null;
    if (after) {
      const m = /^bi:(\d{1,6})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) throw new InputError('after', '`after` is not a cursor of this connection.');
      afterSeq = Number(m[1]);
    }
    return this.store.items(operationId, { statuses }, first, afterSeq);
  }

  async cancel(id: string): Promise<BulkOperationRecord> {
    if (this.kernel.scope.scoped) this.requireMover();
    else this.requireOperator();
    const decoded = decodeOwn('BulkOperation', id);
    const raw = decoded && this.visible(await this.store.get(decoded)) ? decoded : null;
    const status = raw ? await this.store.requestCancel(raw) : null;
    if (!raw || !status) throw new InputError('id', 'No such bulk operation.', ErrorCode.NOT_FOUND);
    if (status === 'QUEUED') await this.store.finish(raw, '', 'CANCELLED', this.kernel.deps.viewer.actor);
    return (await this.store.get(raw))!;
  }

  /**
   * Starting or cancelling needs an unscoped operator: refused as a typed FORBIDDEN (a userError of the payload,
   * not a top-level error — the mutations carry no role guard of their own).
   */
  private requireOperator(): void {
    this.kernel.scope.requireUnscoped('bulk operations');
    if (!this.kernel.deps.viewer.roles.has('operator'))
      throw new InputError('', 'Bulk operations need the operator role.', ErrorCode.FORBIDDEN);
  }

  /** MOVE: the authorization of moveAccount — operators and admins; sub-resellers in their scope; customers never. */
  private requireMover(): void {
    if (this.kernel.scope.scope?.kind === 'customer')
      throw new InputError('', 'Customers cannot move accounts; ask your reseller.', ErrorCode.FORBIDDEN);
    if (!this.kernel.deps.viewer.roles.has('operator'))
      throw new InputError('', 'Moving accounts needs the operator role.', ErrorCode.FORBIDDEN);
    const refused = this.kernel.scope.refuseOperation(AccountOperation.CREATE);
    if (refused) throw new InputError('', refused.message, refused.code);
  }

  /** MOVE: the target, checked once for the operation (each source is checked per item). */
  private moveProblems(args: BulkArgs): InputError[] {
    const target = args.toProvider;
    if (!target) return [new InputError('args.toProvider', 'MOVE needs `args.toProvider`.')];
    const configured = new Set(this.kernel.registry.all().map((p) => p.name));
    if (!configured.has(target)) return [new InputError('args.toProvider', `${target} is not configured.`)];
    if (!this.kernel.provider(target).capabilities.has(AccountOperation.CREATE))
      return [
        new InputError('args.toProvider', `${target} does not create accounts.`, ErrorCode.UNSUPPORTED_BY_PROVIDER),
      ];
    return [];
  }

  /**
   * Pre-flight of every item, before anything is queued or sent: resolved against the directory (one query for
   * the whole selection) and the caller's scope; an id either does not hold ends NOT_FOUND and costs no vendor call.
   */
  private async preflight(ids: readonly string[], action: BulkAction, args: BulkArgs): Promise<NewBulkItem[]> {
    const registry = this.kernel.registry;
    const rules = ruleInput(action, args);
    const configured = new Set(registry.all().map((p) => p.name));
    const keys = ids.map((id) => {
      const key = decodeAccountId(id);
      return key && configured.has(key.provider) ? key : null;
    });
    const known = await this.inDirectory(keys.filter((k) => k !== null));
    const owned = await Promise.all(
      keys.map((k) =>
        k && known.has(`${k.provider}:${k.nativeId}`) ? this.kernel.scope.ownsAccount(k) : Promise.resolve(false),
      ),
    );
    return ids.map((accountId, i): NewBulkItem => {
      const key = keys[i];
      const at = (code: string, message: string, field: string[] | null = null) => ({ code, message, field });
      if (!key || !owned[i])
        return {
          accountId,
          provider: null,
          nativeId: null,
          status: 'FAILED',
          error: at(
            ErrorCode.NOT_FOUND,
            key
              ? `accountIds[${i}] is not an account of the directory.`
              : `accountIds[${i}] is not an account of a configured provider.`,
            ['input', 'accountIds', String(i)],
          ),
        };
      const base = { accountId, provider: key.provider, nativeId: key.nativeId };
      if (action === 'MOVE') return this.movePreflight(base, args);
      if (!supports(registry, key.provider, action))
        return {
          ...base,
          status: 'SKIPPED',
          error: at(ErrorCode.UNSUPPORTED_BY_PROVIDER, `${key.provider} does not support ${action}.`),
        };
      const refused = registry.get(key.provider).validate(OPERATION_OF[action], rules)[0];
      if (refused)
        return {
          ...base,
          status: 'FAILED',
          error: at(refused.code, refused.message, ['input', 'args', refused.field]),
        };
      return { ...base, status: 'PENDING' };
    });
  }

  /** A MOVE item: not already at the target; its source can be retired as configured, by this credential. */
  private movePreflight(
    base: { accountId: string; provider: ProviderName; nativeId: string },
    args: BulkArgs,
  ): NewBulkItem {
    const action = this.kernel.deps.config.env.MOVE_SOURCE_ACTION;
    const retire = retireOperation(this.kernel.provider(base.provider), action);
    if (base.provider === args.toProvider)
      return {
        ...base,
        status: 'FAILED',
        error: { code: ErrorCode.VALIDATION, message: 'The account is already at that provider.', field: null },
      };
    if (!retire)
      return {
        ...base,
        status: 'SKIPPED',
        error: {
          code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
          message: `${base.provider} cannot ${action} accounts (MOVE_SOURCE_ACTION).`,
          field: null,
        },
      };
    const refused = this.kernel.scope.refuseOperation(retire);
    if (refused) return { ...base, status: 'FAILED', error: { ...refused, field: null } };
    return { ...base, status: 'PENDING' };
  }

  /** Which of these accounts the directory holds (and the vendor has not reported gone), as `provider:nativeId`. */
  private async inDirectory(keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.kernel.store.db.query<{ provider: ProviderName; native_id: string }>(
      `SELECT r.provider, r.native_id FROM account_registry r
       JOIN unnest($1::text[], $2::text[]) AS k(provider, native_id)
         ON r.provider = k.provider AND r.native_id = k.native_id
       WHERE r.gone_at IS NULL`,
      [keys.map((k) => k.provider), keys.map((k) => k.nativeId)],
    );
    return new Set(rows.map((r) => `${r.provider}:${r.native_id}`));
  }

  /** Accounts of the directory (not gone at the vendor) matching a filter, at most MAX + 1. */
  private async select(filter: BulkSelectionFilter): Promise<string[]> {
    const rows = await this.kernel.store.db.query<{ provider: ProviderName; native_id: string }>(
      `SELECT provider, native_id FROM account_registry
       WHERE gone_at IS NULL AND ($1::text[] IS NULL OR provider = ANY($1)) AND ($2::text[] IS NULL OR status = ANY($2))
         AND ($3::text IS NULL OR starts_with(username, $3))
       ORDER BY provider, native_id LIMIT $4`,
      [
        filter.providers?.length ? [...filter.providers] : null,
        filter.statuses?.length ? [...filter.statuses] : null,
        filter.usernamePrefix ?? null,
        MAX_BULK_ITEMS + 1,
      ],
    );
    return rows.map((r) => Buffer.from(`Account:${r.provider}:${r.native_id}`).toString('base64url'));
  }
}

/** An operation as the API shows it: counts by state, progress, and a password never shown. */
export interface BulkOperationView {
  id: string;
  rawId: string;
  action: string;
  args: Record<string, unknown>;
  status: string;
  actor: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function bulkOperationView(op: BulkOperationRecord): BulkOperationView {
  const c = op.counts;
  const { password: _legacy, ...args } = op.args;
  return {
    id: ownId('BulkOperation', op.id),
    rawId: op.id,
    action: op.action,
    args: op.hasPassword ? { ...args, password: '[hidden]' } : args,
    status: op.status,
    actor: op.actor,
    total: op.total,
    succeeded: c.SUCCEEDED,
    failed: c.FAILED,
    skipped: c.SKIPPED,
    cancelled: c.CANCELLED,
    progress: op.total === 0 ? 1 : (op.total - c.PENDING - c.CLAIMED) / op.total,
    createdAt: op.createdAt,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
  };
}

/** The arguments actually given: null and undefined entries dropped (absent and null mean the same here). */
function given<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** What the request hash holds of a chosen password: an HMAC under the encryption key (no offline guessing). */
function passwordDigest(password: string, key: string): string {
  return `hmac:${createHmac('sha256', key).update(`bulk-password\0${password}`).digest('hex')}`;
}

function argProblems(action: BulkAction, args: BulkArgs): InputError[] {
  const out: InputError[] = [];
  const need = (name: keyof BulkArgs) => {
    if (args[name] == null) out.push(new InputError(`args.${name}`, `${action} needs \`args.${name}\`.`));
  };
  if (action === 'RENEW') need('periodDays');
  if (action === 'EXTEND') need('date');
  if (action === 'CHANGE_PLAN') need('planCode');
  if (action !== 'MOVE' && args.toProvider != null)
    out.push(new InputError('args.toProvider', '`toProvider` is an argument of MOVE only.'));
  if (action !== 'MOVE' && args.keepUsername != null)
    out.push(new InputError('args.keepUsername', '`keepUsername` is an argument of MOVE only.'));
  if (args.periodDays != null && (!Number.isInteger(args.periodDays) || args.periodDays <= 0))
    out.push(new InputError('args.periodDays', '`periodDays` must be a positive whole number of days.'));
  if (args.date != null && !/^\d{4}-\d{2}-\d{2}$/.test(args.date))
    out.push(new InputError('args.date', '`date` must be a date written YYYY-MM-DD.'));
  return out;
}
