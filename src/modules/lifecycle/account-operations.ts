import { ErrorCode, ProviderError } from '../../domain/errors.js';
import { decodeId, encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import { AccountOperation, type VpnProvider } from '../../providers/port.js';
import type { Db } from '../../core/db/db.js';
import { snapshot, VERBS } from './evidence.js';
import { runIntent } from './intent-runner.js';
import { journal } from './write-journal.js';
import { callWithReconcile } from './reconcile-write.js';
import { commonChecks, failure, unsupported, type AccountPayloadShape, type LifecycleContext } from './shared.js';
import { toUserError } from '../../core/error-mapping.js';
import { secretHash } from '../../lib/intent-hash.js';

/** The common path of a write on one account (decode, scope, capability, rules, history, journal) and its bookkeeping. */

/** What every account write may carry besides its input. */
export interface WriteOptions {
  idempotencyKey?: string | null;
  /** What the key is bound to when it differs from `input` (a generated password is not the caller's input). */
  hashArgs?: Record<string, unknown>;
}

/** An account write through the one write pipeline (see writeOnAccount), after the common checks of onAccount. */
export function simple(
  ctx: LifecycleContext,
  accountId: string,
  operation: Exclude<AccountOperation, AccountOperation.CREATE>,
  input: Record<string, unknown>,
  call: (provider: VpnProvider, nativeId: string) => Promise<AccountRecord | null>,
  options: WriteOptions = {},
): Promise<AccountPayloadShape> {
  return onAccount(ctx, accountId, operation, input, (provider, nativeId, before) =>
    writeOnAccount(ctx, { provider, nativeId, operation, input, before, options, call }),
  );
}

/**
 * The write pipeline of a write on an existing account: a write-ahead intent bound to the caller's key and
 * every argument, holding the state before (time-adding verbs) and the state expected after; claim-time
 * guards (quota for a reopen, a customer's renewal bounds) in the intent's transaction; the vendor call;
 * on a failure that may have reached the vendor, reconciliation by evidence (evidence.ts) — applied, not
 * applied (another attempt is safe), or OUTCOME_UNKNOWN naming the intent, with nothing sent again; and the
 * directory's state transition committed with the intent's success.
 */
async function writeOnAccount(
  ctx: LifecycleContext,
  w: {
    provider: VpnProvider;
    nativeId: string;
    operation: Exclude<AccountOperation, AccountOperation.CREATE>;
    input: Record<string, unknown>;
    before: AccountRecord | null;
    options: WriteOptions;
    call: (provider: VpnProvider, nativeId: string) => Promise<AccountRecord | null>;
  },
): Promise<AccountPayloadShape> {
  const { provider, nativeId } = w;
  const verb = VERBS[w.operation];
  const accountId = encodeId('Account', provider.name, nativeId);
  const key = { provider: provider.name, nativeId };
  const guards = [
    verb.opensAccount ? ctx.scope.quotaGuard() : undefined,
    verb.addsTime ? ctx.scope.timeGuard(key, w.before?.expiresAt ?? null) : undefined,
  ].filter((g): g is (tx: Db) => Promise<void> => g !== undefined);
  const deletes = w.operation === AccountOperation.DELETE;
  return runIntent(ctx, {
    operation: verb.intent,
    provider,
    key: w.options.idempotencyKey,
    hashInput: { accountId, ...hashable(w.options.hashArgs ?? w.input) },
    target: nativeId,
    accountKey: `${provider.name}:${nativeId}`,
    opensAccount: verb.opensAccount,
    addsTime: verb.addsTime,
    writeCall: null,
    ...(guards.length > 0
      ? {
          guard: async (tx: Db) => {
            for (const guard of guards) await guard(tx);
          },
        }
      : {}),
    context: { before: snapshot(w.before), expect: verb.expect(w.input) },
    write: async (session) => {
      const { account } = await callWithReconcile(
        ctx,
        provider,
        verb.intent,
        session,
        async () => ({ account: await w.call(provider, nativeId) }),
        async (failedAt) => {
          const probe = await ctx.reconciler.probe(session.intent, failedAt);
          if (probe.kind === 'applied') return { account: probe.account };
          return probe.kind === 'absent' ? null : undefined;
        },
        null,
      );
      await ctx.deps.store.completeWrite(
        session.intent.id,
        session.owner,
        { account: deletes ? null : account, ...(deletes ? { gone: key } : {}) },
        {
          state: 'succeeded',
          response: {
            accountId: deletes ? null : accountId,
            deletedAccountId: deletes ? accountId : null,
            userErrors: [],
          },
          resultAccountId: deletes ? null : accountId,
          credentialsDelivered: true,
          ...(verb.addsTime ? { context: { expiresAtAfter: account?.expiresAt ?? null } } : {}),
        },
      );
      return deletes ? { account: null, deletedAccountId: accountId, userErrors: [] } : { account, userErrors: [] };
    },
  });
}

/** Arguments as an input hash takes them: secrets only as their hash. */
function hashable(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args))
    out[name] = name === 'password' && typeof value === 'string' ? secretHash(value) : value;
  return out;
}

/** Decode, capability check, input rules, journal; `body` does the upstream work. */
export async function onAccount(
  ctx: LifecycleContext,
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
  const refused = await ctx.scope.refuseAccountWrite(
    { provider: gid.source, nativeId: gid.nativeId },
    operation,
    input,
  );
  if (refused) return { account: null, userErrors: [refused] };
  const provider = ctx.deps.registry.get(gid.source);
  if (!provider.capabilities.has(operation)) return unsupported(provider, operation);
  const problems = [...commonChecks(input, operation), ...provider.validate(operation, input)];
  if (problems.length > 0) return { account: null, userErrors: problems.map(toUserError) };
  let outcome: AccountPayloadShape;
  try {
    const verb = operation === AccountOperation.CREATE ? null : VERBS[operation];
    const before = verb?.needsBefore ? await current(ctx, provider, gid.nativeId) : null;
    const history = await ctx.events.snapshot(provider.name, gid.nativeId);
    outcome = await body(provider, gid.nativeId, before);
    if (outcome.userErrors.length === 0) await recorded(ctx, operation, provider.name, gid.nativeId, history, outcome);
    if (outcome.account) await invalidate(ctx, outcome.account);
    else {
      ctx.deps.loaders.account.clear({ provider: provider.name, nativeId: gid.nativeId });
      ctx.deps.loaders.knownAccount.clear({ provider: provider.name, nativeId: gid.nativeId });
    }
  } catch (error) {
    outcome = failure(error);
  }
  await journal(ctx, operation, provider.name, accountId, input, outcome);
  return outcome;
}

/** History of a write the vendor confirmed; a failure to record it is logged (the write stands). */
async function recorded(
  ctx: LifecycleContext,
  operation: AccountOperation,
  provider: ProviderName,
  nativeId: string,
  before: Record<string, unknown> | null,
  outcome: AccountPayloadShape,
): Promise<void> {
  try {
    await ctx.events.written(operation, { provider, nativeId }, before, outcome.account);
  } catch (error) {
    ctx.deps.logger.error({ err: error instanceof Error ? error.message : 'history' }, 'history write failed');
  }
}

async function current(ctx: LifecycleContext, provider: VpnProvider, nativeId: string): Promise<AccountRecord | null> {
  const [record] = await provider.getAccounts([nativeId]);
  if (record instanceof ProviderError) throw record;
  return record ?? null;
}

/** After a successful write: the loaders answer the new state and the mirror records it (source `write`). */
export async function invalidate(ctx: LifecycleContext, account: AccountRecord): Promise<void> {
  await ctx.deps.loaders.remember([account], 'write');
  const key = { provider: account.provider, nativeId: account.nativeId };
  ctx.deps.loaders.account.clear(key).prime(key, account);
  ctx.deps.loaders.accountByUsername.clear({ provider: account.provider, username: account.username });
}
