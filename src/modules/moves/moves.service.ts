import { ErrorCode, InputError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import type { Viewer } from '../../domain/viewer.js';
import { AccountOperation } from '../../providers/port.js';
import { MoveStore, type MoveRecord, type MoveStatus, type SourceAction, type StoredViewer } from './moves.store.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { LifecycleService, type AccountPayloadShape } from '../lifecycle/index.js';
import { hashIntentInput } from '../../lib/intent-hash.js';
import { decodeOwn, ownId } from '../webhooks/index.js';
import { carryOver, retireOperation, sourceProblem } from './carry.js';

/**
 * Account moves between providers (issue #30). `moveAccount` checks everything it can before any vendor write —
 * who may move, the account, the target's capabilities and id rules, a target plan that covers the remaining
 * time — records the move (QUEUED) and queues it for the worker (MoveRunner), which runs the saga: create at the
 * target through the create path's write-ahead intent, retire the source through the close/disable/delete path,
 * re-point the directory. Refusals here make no vendor write (and, with a fresh mirror, no vendor call at all).
 */

export const MOVE_JOB = 'account-moves';

export interface MoveAccountInput {
  accountId: string;
  toProvider: ProviderName;
  planCode?: string | null;
  keepUsername?: boolean | null;
  idempotencyKey: string;
}

export interface MoveListFilter {
  statuses?: readonly MoveStatus[] | null;
  fromProvider?: ProviderName | null;
  toProvider?: ProviderName | null;
  accountId?: string | null;
}

export class MoveService {
  private readonly store: MoveStore;

  constructor(private readonly kernel: ServiceKernel) {
    this.store = new MoveStore(kernel.store.db);
  }

  async start(input: MoveAccountInput): Promise<MoveRecord> {
    const { viewer } = this.kernel.deps;
    const scope = this.kernel.scope;
    if (viewer.scope?.kind === 'customer')
      throw new InputError('', 'Customers cannot move accounts; ask your reseller.', ErrorCode.FORBIDDEN);
    if (!viewer.roles.has('operator'))
      throw new InputError('', 'Moving accounts needs the operator role.', ErrorCode.FORBIDDEN);
    if (!input.idempotencyKey || input.idempotencyKey.length > 200)
      throw new InputError('idempotencyKey', '`idempotencyKey` is 1 to 200 characters.');
    const action: SourceAction = this.kernel.deps.config.env.MOVE_SOURCE_ACTION;
    const key = this.kernel.decodeAtProvider(input.accountId, 'Account', 'accountId');
    const configured = new Set(this.kernel.registry.all().map((p) => p.name));
    // The directory as every earlier answer left it (a live read's write-back may still be queued).
    await this.kernel.loaders.settled();
    if (!configured.has(key.provider) || !(await scope.ownsAccount(key)))
      throw new InputError('accountId', 'No such account.', ErrorCode.NOT_FOUND);
    if (!configured.has(input.toProvider))
      throw new InputError('toProvider', `${input.toProvider} is not configured.`, ErrorCode.VALIDATION);
    if (input.toProvider === key.provider)
      throw new InputError('toProvider', 'The account is already at that provider.');
    const source = this.kernel.provider(key.provider);
    const target = this.kernel.provider(input.toProvider);
    if (!target.capabilities.has(AccountOperation.CREATE))
      throw new InputError('toProvider', `${target.name} does not create accounts.`, ErrorCode.UNSUPPORTED_BY_PROVIDER);
    const retire = retireOperation(source, action);
    if (!retire)
      throw new InputError(
        'accountId',
        `${source.name} cannot ${action} accounts (MOVE_SOURCE_ACTION).`,
        ErrorCode.UNSUPPORTED_BY_PROVIDER,
      );
    // A sub-reseller moves only what its credential may create and retire.
    const refused = scope.refuseOperation(AccountOperation.CREATE) ?? scope.refuseOperation(retire);
    if (refused) throw new InputError('', refused.message, refused.code);

    const row = await this.kernel.store.directoryEntry(key.provider, key.nativeId);
    if (!row) throw new InputError('accountId', 'No such account.', ErrorCode.NOT_FOUND);
    if (input.keepUsername) {
      const problem = target
        .validate(AccountOperation.CREATE, { username: row.username })
        .find((e) => e.field === 'username');
      if (problem)
        throw new InputError('keepUsername', `The username ${row.username} cannot be kept: ${problem.message}`);
    }
    const record = await this.sourceRecord(key);
    if (!record) throw new InputError('accountId', 'No such account.', ErrorCode.NOT_FOUND);
    const problem = sourceProblem(record);
    if (problem) throw problem;
    let carry;
    try {
      carry = await carryOver(target, record.expiresAt!, input.planCode ?? null);
    } catch (error) {
      if (error instanceof InputError)
        throw new InputError(
          'planCode',
          `No ${target.name} plan covers the remaining time: ${error.message}`,
          error.code === ErrorCode.UNSUPPORTED_BY_PROVIDER ? error.code : ErrorCode.VALIDATION,
        );
      throw error;
    }
    const stored = storedViewer(viewer);
    const requestHash = hashIntentInput({
      accountId: input.accountId,
      toProvider: input.toProvider,
      planCode: input.planCode ?? null,
      keepUsername: Boolean(input.keepUsername),
    });
    const { move, created, mismatch } = await this.store.create({
      idempotencyKey: `${scope.tenant}:${input.idempotencyKey}`,
      requestHash,
      actor: viewer.actor,
      viewer: stored,
      sourceProvider: key.provider,
      sourceNativeId: key.nativeId,
      sourceUsername: row.username,
      toProvider: input.toProvider,
      links: { customerId: row.customerId, projectId: row.projectId },
      planCode: input.planCode ?? null,
      keepUsername: Boolean(input.keepUsername),
      sourceAction: action,
      carry,
    });
    if (mismatch)
      throw new InputError('idempotencyKey', 'This idempotency key was used with different input.', ErrorCode.CONFLICT);
    if (created) await this.kernel.deps.jobs?.send(MOVE_JOB, { moveId: move.id }).catch(() => null);
    return move;
  }

  /** A move the caller may see (its scope's, for sub-resellers); null otherwise. */
  async get(id: string): Promise<MoveRecord | null> {
    const raw = decodeOwn('AccountMove', id);
    return raw ? this.visible(await this.store.get(raw)) : null;
  }

  /** `node(id)`. */
  async node(rawId: string): Promise<MoveRecord | null> {
    return this.visible(await this.store.get(rawId));
  }

  async list(
    filter: MoveListFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<{ moves: MoveRecord[]; hasNextPage: boolean; totalCount: number; cursor(m: MoveRecord): string }> {
    if (this.kernel.scope.scope?.kind === 'customer') return { moves: [], hasNextPage: false, totalCount: 0, cursor };
    if (!Number.isInteger(first) || first < 0 || first > 100)
      throw new InputError('first', '`first` must be between 0 and 100.');
    let before: number | null = null;
    if (after) {
      const m = /^mv:(\d{1,18})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) throw new InputError('after', '`after` is not a cursor of this connection.');
      before = Number(m[1]);
    }
    let account: { provider: ProviderName; nativeId: string } | null = null;
    if (filter?.accountId) account = this.kernel.decodeAtProvider(filter.accountId, 'Account', 'filter.accountId');
    const page = await this.store.list(
      {
        statuses: filter?.statuses ?? null,
        sourceProvider: filter?.fromProvider ?? null,
        toProvider: filter?.toProvider ?? null,
        account,
        // A scope's moves, whichever of its credentials asked (its identity, not the key's name).
        tenant: this.kernel.scope.scoped ? this.kernel.scope.tenant : null,
      },
      first,
      before,
    );
    return { ...page, cursor };
  }

  /**
   * The moved account's password, once: a fresh one is set at the target through its change-password call and
   * answered to the first caller (nobody has seen the password the create sent; it was never stored).
   */
  async takePassword(id: string): Promise<AccountPayloadShape & { move: MoveRecord | null }> {
    const move = await this.get(id);
    if (!move) throw new InputError('moveId', 'No such account move.', ErrorCode.NOT_FOUND);
    if (move.status !== 'COMPLETED' || !move.targetNativeId)
      throw new InputError('moveId', `The move is ${move.status}; the password is handed out once it completed.`);
    if (move.passwordTaken)
      throw new InputError('moveId', 'The password of this move was already handed out.', ErrorCode.CONFLICT);
    const key = { provider: move.toProvider, nativeId: move.targetNativeId };
    const account = await this.kernel.loaders.account.load(key);
    if (!account) throw new InputError('moveId', 'The target account no longer exists.', ErrorCode.NOT_FOUND);
    const lifecycle = new LifecycleService({
      registry: this.kernel.registry,
      store: this.kernel.store,
      loaders: this.kernel.loaders,
      viewer: this.kernel.deps.viewer,
      requestId: this.kernel.deps.requestId,
      logger: this.kernel.deps.logger,
      scope: this.kernel.scope,
    });
    const delivered = await lifecycle.deliverPasswordOnce(account, {
      take: () => this.store.takePassword(move.id),
      undo: () => this.store.undoPassword(move.id),
    });
    if (delivered.userErrors.length === 0 && delivered.password === null)
      throw new InputError('moveId', 'The password of this move was already handed out.', ErrorCode.CONFLICT);
    return { ...delivered, move: await this.store.get(move.id) };
  }

  /** Operators: a move that needs attention runs again from its step (its derived keys make it exactly once). */
  async retry(id: string): Promise<MoveRecord> {
    this.kernel.scope.requireUnscoped('retryAccountMove');
    const raw = decodeOwn('AccountMove', id);
    const move = raw ? await this.store.get(raw) : null;
    if (!move) throw new InputError('id', 'No such account move.', ErrorCode.NOT_FOUND);
    if (move.status !== 'NEEDS_ATTENTION')
      throw new InputError('id', `Only a move that needs attention is retried (this one is ${move.status}).`);
    const queued = (await this.store.requeue(move.id))!;
    await this.kernel.deps.jobs?.send(MOVE_JOB, { moveId: move.id }).catch(() => null);
    return queued;
  }

  private visible(move: MoveRecord | null): MoveRecord | null {
    if (!move) return null;
    const scope = this.kernel.deps.viewer.scope;
    if (!scope) return move;
    if (scope.kind === 'customer') return null;
    return move.tenant === this.kernel.scope.tenant ? move : null;
  }

  /** The source as the mirror knows it when fresh (no vendor call), else read live. */
  private async sourceRecord(key: { provider: ProviderName; nativeId: string }): Promise<AccountRecord | null> {
    const maxAge = this.kernel.allowedAge(null);
    const row = await this.kernel.loaders.mirrored.load(key);
    if (row?.syncedAt && Date.now() - Date.parse(row.syncedAt) <= maxAge && row.record.expiresAt) return row.record;
    return this.kernel.loaders.account.load(key);
  }
}

/** Who asks, as a move (or a bulk MOVE operation) stores it: the runner acts as them. No secret. */
export function storedViewer(viewer: Viewer): StoredViewer {
  return {
    actor: viewer.actor,
    roles: [...viewer.roles],
    scope: viewer.scope
      ? {
          kind: viewer.scope.kind,
          customerIds: [...viewer.scope.customerIds],
          projectIds: [...viewer.scope.projectIds],
          ops: [...viewer.scope.ops],
          quota: viewer.scope.quota,
          key: viewer.scope.key,
        }
      : null,
  };
}

function cursor(m: MoveRecord): string {
  return Buffer.from(`mv:${m.seq}`).toString('base64url');
}

/** The id the API shows. */
export function moveId(rawId: string): string {
  return ownId('AccountMove', rawId);
}

export function accountIdOf(provider: ProviderName, nativeId: string | null): string | null {
  return nativeId ? encodeId('Account', provider, nativeId) : null;
}

/** A move as the API shows it (no secret: the password is handed out by takeAccountMovePassword, once). */
export interface AccountMoveView {
  id: string;
  rawId: string;
  status: MoveStatus;
  step: string;
  sourceAccountId: string;
  targetAccountId: string | null;
  fromProvider: ProviderName;
  toProvider: ProviderName;
  sourceUsername: string;
  targetUsername: string | null;
  planCode: string | null;
  keepUsername: boolean;
  sourceAction: string;
  carryOver: MoveRecord['carry'];
  steps: MoveRecord['steps'];
  attempts: number;
  passwordHandedOut: boolean;
  lastError: { field: null; message: string; code: string } | null;
  actor: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export function moveView(m: MoveRecord): AccountMoveView {
  return {
    id: moveId(m.id),
    rawId: m.id,
    status: m.status,
    step: m.step,
    sourceAccountId: encodeId('Account', m.sourceProvider, m.sourceNativeId),
    targetAccountId: accountIdOf(m.toProvider, m.targetNativeId),
    fromProvider: m.sourceProvider,
    toProvider: m.toProvider,
    sourceUsername: m.sourceUsername,
    targetUsername: m.targetUsername,
    planCode: m.planCode,
    keepUsername: m.keepUsername,
    sourceAction: m.sourceAction.toUpperCase(),
    carryOver: m.carry,
    steps: m.steps,
    attempts: m.attempts,
    passwordHandedOut: m.passwordTaken,
    lastError: m.errorCode ? { field: null, message: m.errorMessage ?? '', code: m.errorCode } : null,
    actor: m.actor,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    finishedAt: m.finishedAt,
  };
}
