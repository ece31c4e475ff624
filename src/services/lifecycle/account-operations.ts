import { ErrorCode, ProviderError } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import { AccountOperation, type VpnProvider } from '../../providers/port.js';
import {
  commonChecks,
  failure,
  toUserError,
  unsupported,
  type AccountPayloadShape,
  type LifecycleContext,
} from './shared.js';

/** The common path of a write on one account (decode, scope, capability, rules, history, journal) and its bookkeeping. */

export function simple(
  ctx: LifecycleContext,
  accountId: string,
  operation: AccountOperation,
  input: Record<string, unknown>,
  call: (provider: VpnProvider, nativeId: string) => Promise<AccountRecord | null>,
): Promise<AccountPayloadShape> {
  return onAccount(ctx, accountId, operation, input, async (provider, nativeId) => {
    const account = await call(provider, nativeId);
    return { account, userErrors: [] };
  });
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
    const before = operation === AccountOperation.RENEW ? await current(ctx, provider, gid.nativeId) : null;
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
  const gone = operation === AccountOperation.DELETE || operation === AccountOperation.CLOSE;
  if (gone && outcome.userErrors.length === 0) await ctx.scope.releaseQuota();
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

export async function journal(
  ctx: LifecycleContext,
  operation: string,
  provider: ProviderName | undefined,
  target: string,
  input: Record<string, unknown>,
  outcome: AccountPayloadShape,
): Promise<void> {
  const first = outcome.userErrors[0];
  try {
    await ctx.deps.store.journal({
      actor: ctx.deps.viewer.actor,
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
      requestId: ctx.deps.requestId,
    });
  } catch (error) {
    ctx.deps.logger.error({ err: error instanceof Error ? error.message : 'journal failed' }, 'journal write failed');
  }
}
