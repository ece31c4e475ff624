import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type { AccountRecord } from '../domain/records.js';
import type { Loaders } from '../loaders/index.js';
import { AccountOperation, asProviderError, type CreateAccountInput, type VpnProvider } from '../providers/port.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/store.js';
import type { Viewer } from '../domain/viewer.js';
import { decodeId, encodeId } from '../domain/ids.js';
import { generatePassword } from '../lib/password.js';
import { isYmd, todayYmd } from '../lib/dates.js';

/**
 * Every lifecycle mutation goes through here: capability check → input rules (ours and the provider's,
 * before any upstream call) → idempotency claim (create, renew) → provider call → reconciliation when the
 * outcome is unknown → store registry + journal. Failures come back as userErrors, never as thrown errors.
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
}

const IDEMPOTENCY_WAIT_MS = 30_000;
/** Attempts of a non-idempotent write, each after a reconciliation that proved the previous one did not land. */
const MAX_WRITE_ATTEMPTS = 4;
/** Pauses before asking again when a reconciliation read fails (as many as fit in the window). */
const RECONCILE_PAUSES_MS = [250, 750, 1500];
const USERNAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class LifecycleService {
  constructor(private readonly deps: LifecycleDeps) {}

  // ---- account lifecycle -----------------------------------------------------------------------

  async createAccount(input: CreateAccountInput & { provider: ProviderName; customerId?: string | null; idempotencyKey?: string | null }): Promise<AccountPayloadShape> {
    const provider = this.deps.registry.get(input.provider);
    if (!provider.capabilities.has(AccountOperation.CREATE)) return unsupported(provider, AccountOperation.CREATE);
    const { idempotencyKey, customerId, provider: _p, ...rest } = input;
    const request: CreateAccountInput = { ...rest };
    let customerRef: string | null = null;
    try {
      if (customerId) {
        const gid = decodeId(customerId);
        if (!gid || gid.type !== 'Customer') throw new InputError('customerId', '`customerId` is not a valid Customer id.');
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
    const problems = [...commonChecks(request), ...provider.validate(AccountOperation.CREATE, request as Record<string, unknown>)];
    if (problems.length > 0) return { account: null, password: null, userErrors: problems.map(toUserError) };

    return this.idempotent(idempotencyKey, 'createAccount', { provider: provider.name, ...request, password: undefined }, async () => {
      // A username we pick ourselves lets us reconcile an unknown outcome (PureVPN picks its own: no reconciliation).
      const accepts = (field: string, value: string) =>
        !provider.validate(AccountOperation.CREATE, { ...request, [field]: value }).some((e) => e.field === field);
      if (!request.username) {
        const candidate = `vg${randomText(10)}`;
        if (accepts('username', candidate)) request.username = candidate;
      }
      if (request.password === undefined) {
        const candidate = generatePassword(16);
        if (accepts('password', candidate)) request.password = candidate;
      }
      const created = await this.callWithReconcile(provider, 'createAccount', async () => provider.createAccount(request), async () => {
        if (!request.username) return undefined;
        const found = await provider.findAccountByUsername(request.username);
        return found ? { account: found, password: request.password ?? null } : null;
      });
      await this.deps.store.registerAccount({
        provider: provider.name,
        nativeId: created.account.nativeId,
        username: created.account.username,
        customerId: customerRef,
        via: 'api',
      });
      this.invalidate(created.account);
      return { account: created.account, password: created.password ?? request.password ?? null, userErrors: [] };
    }, { target: () => request.username ?? provider.name });
  }

  async renewAccount(accountId: string, periodDays: number, planCode: string | null | undefined, idempotencyKey: string | null | undefined): Promise<AccountPayloadShape> {
    return this.onAccount(accountId, AccountOperation.RENEW, { periodDays, planCode }, async (provider, nativeId, before) =>
      this.idempotent(idempotencyKey, 'renewAccount', { accountId, periodDays, planCode }, async () => {
        const account = await this.callWithReconcile(
          provider,
          'renewAccount',
          () => provider.renewAccount(nativeId, { periodDays, ...(planCode ? { planCode } : {}) }),
          async () => {
            // Applied when the expiry moved; otherwise the renewal did not happen.
            const [after] = await provider.getAccounts([nativeId]);
            if (after instanceof ProviderError) throw after; // cannot tell yet: asked again
            if (!after) return undefined;
            return after.expiresAt !== before?.expiresAt ? after : null;
          },
        );
        return { account, userErrors: [] };
      }, { target: () => accountId }),
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
    return this.simple(accountId, AccountOperation.EXPIRE, date ? { date } : {}, (p, id) => p.expireAccount(id, date ?? undefined));
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
      if (!provider || provider.validate(AccountOperation.CHANGE_PASSWORD, { password: candidate }).length === 0) return candidate;
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
      return { account: null, userErrors: [{ field: ['input', 'accountId'], message: '`accountId` is not a valid Account id.', code: ErrorCode.VALIDATION }] };
    }
    const provider = this.deps.registry.get(gid.source);
    if (!provider.capabilities.has(operation)) return unsupported(provider, operation);
    const problems = [...commonChecks(input, operation), ...provider.validate(operation, input)];
    if (problems.length > 0) return { account: null, userErrors: problems.map(toUserError) };
    let outcome: AccountPayloadShape;
    try {
      const before = operation === AccountOperation.RENEW ? await this.current(provider, gid.nativeId) : null;
      outcome = await body(provider, gid.nativeId, before);
      if (outcome.account) this.invalidate(outcome.account);
      else {
        this.deps.loaders.account.clear({ provider: provider.name, nativeId: gid.nativeId });
        this.deps.loaders.knownAccount.clear({ provider: provider.name, nativeId: gid.nativeId });
      }
    } catch (error) {
      outcome = failure(error);
    }
    await this.journal(operation, provider.name, accountId, input, outcome);
    return outcome;
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
   * Runs a non-idempotent upstream write. On an unknown outcome (reset/timeout after send) it never retries
   * blindly: `reconcile` asks the vendor what happened — a value means "applied", null means "not applied"
   * (then one retry is safe), undefined means "cannot tell" (the caller is told the outcome is unknown).
   */
  private async callWithReconcile<T>(
    provider: VpnProvider,
    operation: string,
    call: () => Promise<T>,
    reconcile: () => Promise<T | null | undefined>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        // A retry refused as a conflict means an earlier attempt did land after all (it was still in flight
        // when reconciliation looked): find it and answer with it.
        if (attempt > 1 && error instanceof ProviderError && error.code === ErrorCode.CONFLICT) {
          const landed = await this.askUntilKnown(reconcile);
          if (landed) return landed;
        }
        if (!(error instanceof ProviderError) || !error.outcomeUnknown) throw error;
        this.deps.logger.warn({ provider: provider.name, operation, attempt, requestId: this.deps.requestId }, 'unknown outcome; reconciling');
        const state = await this.askUntilKnown(reconcile);
        if (state) return state;
        // null: the vendor confirms nothing happened, so another attempt cannot duplicate anything.
        if (state === null && attempt < MAX_WRITE_ATTEMPTS) continue;
        throw new ProviderError({
          provider: provider.name,
          operation,
          code: error.code,
          message: `${provider.name} did not confirm ${operation}; its outcome is unknown. Check the account before retrying.`,
          retryable: false,
          outcomeUnknown: true,
        });
      }
    }
  }

  private async idempotent(
    key: string | null | undefined,
    operation: string,
    input: Record<string, unknown>,
    run: () => Promise<AccountPayloadShape>,
    journal: { target: () => string },
  ): Promise<AccountPayloadShape> {
    const provider = (input.provider as ProviderName | undefined) ?? providerOfId(input.accountId);
    const finish = async (payload: AccountPayloadShape): Promise<AccountPayloadShape> => {
      if (operation === 'createAccount') await this.journal(AccountOperation.CREATE, provider, journal.target(), input, payload);
      return payload;
    };
    if (!key) {
      try {
        return await finish(await run());
      } catch (error) {
        return finish(failure(error));
      }
    }
    if (key.length > 200) {
      return { account: null, userErrors: [{ field: ['input', 'idempotencyKey'], message: '`idempotencyKey` is at most 200 characters.', code: ErrorCode.VALIDATION }] };
    }
    const hash = createHash('sha256').update(stableJson(input)).digest('hex');
    const scopedKey = `${operation}:${key}`;
    const claim = await this.deps.store.claim(scopedKey, operation, hash);
    if (claim.state === 'mismatch') {
      return { account: null, userErrors: [{ field: ['input', 'idempotencyKey'], message: 'This idempotency key was used with different input.', code: ErrorCode.CONFLICT }] };
    }
    if (claim.state === 'replay') return this.replay(claim.response);
    if (claim.state === 'pending') {
      const response = await this.deps.store.waitFor(scopedKey, { timeoutMs: IDEMPOTENCY_WAIT_MS, pollMs: 25 });
      if (response === null) {
        return { account: null, userErrors: [{ field: ['input', 'idempotencyKey'], message: 'A request with this idempotency key is still in progress.', code: ErrorCode.CONFLICT }] };
      }
      return this.replay(response);
    }
    let payload: AccountPayloadShape;
    try {
      payload = await run();
    } catch (error) {
      payload = failure(error);
      const retryableBeforeSend = error instanceof ProviderError && error.retryable && !error.outcomeUnknown;
      if (retryableBeforeSend) {
        await this.deps.store.release(scopedKey);
        return finish(payload);
      }
    }
    await this.deps.store.complete(scopedKey, storedForm(payload));
    return finish(payload);
  }

  private async replay(response: unknown): Promise<AccountPayloadShape> {
    const stored = response as StoredPayload;
    let account: AccountRecord | null = null;
    const gid = stored.accountId ? decodeId(stored.accountId) : null;
    if (gid && gid.source !== 'STORE') {
      try {
        account = await this.deps.loaders.account.load({ provider: gid.source, nativeId: gid.nativeId });
      } catch (error) {
        // The first request's outcome stands; only reading the account back failed. Say so, typed, and keep
        // the id so nothing is lost (asking again with the same key replays again).
        const problem = toUserError(asProviderError(gid.source, 'getAccount', error));
        const message = `The first request with this key succeeded (account ${stored.accountId}); reading the account back failed: ${problem.message}`;
        return { account: null, password: null, replayed: true, userErrors: [...stored.userErrors, { field: null, message, code: problem.code }] };
      }
    }
    return { account, password: null, replayed: true, userErrors: stored.userErrors };
  }

  private invalidate(account: AccountRecord): void {
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
        outcome: first ? (first.code === ErrorCode.UPSTREAM_TIMEOUT || first.message.includes('outcome is unknown') ? 'unknown' : 'error') : 'ok',
        errorCode: first?.code ?? null,
        requestId: this.deps.requestId,
      });
    } catch (error) {
      this.deps.logger.error({ err: error instanceof Error ? error.message : 'journal failed' }, 'journal write failed');
    }
  }
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

function providerOfId(id: unknown): ProviderName | undefined {
  if (typeof id !== 'string') return undefined;
  const gid = decodeId(id);
  return gid && gid.source !== 'STORE' ? gid.source : undefined;
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
    if (typeof v === 'string' && (v.length === 0 || v.length > max)) errors.push(new InputError(name, `\`${name}\` must be 1 to ${max} characters.`));
  };
  str('username', 128);
  str('password', 128);
  str('planCode', 64);
  if (typeof i.periodDays === 'number' && (!Number.isInteger(i.periodDays) || i.periodDays <= 0)) {
    errors.push(new InputError('periodDays', '`periodDays` must be a positive whole number of days.'));
  }
  if (typeof i.date === 'string' && !isYmd(i.date)) errors.push(new InputError('date', '`date` must be a date written YYYY-MM-DD.'));
  else if (operation === AccountOperation.EXTEND && typeof i.date === 'string' && i.date <= todayYmd()) {
    errors.push(new InputError('date', 'The new expiry must be in the future (use expireAccount to end the service).'));
  }
  if (typeof i.kilobytesPerSecond === 'number' && (!Number.isInteger(i.kilobytesPerSecond) || i.kilobytesPerSecond <= 0)) {
    errors.push(new InputError('kilobytesPerSecond', '`kilobytesPerSecond` must be a positive whole number (or null to remove the limit).'));
  }
  return errors;
}

/** A domain error as a mutation userError (field paths under `input`); anything else is rethrown. */
export function toUserError(error: unknown): UserErrorShape {
  if (error instanceof InputError) return { field: ['input', error.field], message: error.message, code: error.code };
  if (error instanceof ProviderError) return { field: error.field ? ['input', error.field] : null, message: error.message, code: error.code };
  throw error;
}

function unsupported(provider: VpnProvider, operation: AccountOperation): AccountPayloadShape {
  return {
    account: null,
    userErrors: [{ field: null, message: `${provider.name} does not support ${operation}.`, code: ErrorCode.UNSUPPORTED_BY_PROVIDER }],
  };
}

function failure(error: unknown): AccountPayloadShape {
  return { account: null, userErrors: [toUserError(error)] };
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
