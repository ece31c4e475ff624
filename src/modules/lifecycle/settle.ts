import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import type { WriteIntent } from '../../core/store/intent-rows.js';
import { VERB_OF_INTENT } from './evidence.js';
import { journal } from './write-journal.js';
import { type LifecycleContext } from './shared.js';
import { toUserError, type UserErrorShape } from '../../core/error-mapping.js';

export type SettleOutcome = 'APPLIED' | 'NOT_APPLIED';

/**
 * An operator's verdict on an intent nobody could settle (issue #24 item 7): APPLIED registers what the write
 * made (a create's account, found by `nativeId` or by the intent's username; a write's account as it is now)
 * exactly as a reconciliation would, in one transaction with the intent; NOT_APPLIED frees the key for
 * another attempt. Only unknown intents, or pending ones whose owner is gone, can be settled; the verdict is
 * journaled under the operator's name.
 */
export async function settleIntent(
  ctx: LifecycleContext,
  id: string,
  outcome: SettleOutcome,
  nativeId: string | null | undefined,
): Promise<{ intent: WriteIntent | null; userErrors: UserErrorShape[] }> {
  let result: { intent: WriteIntent | null; userErrors: UserErrorShape[] };
  try {
    ctx.scope.requireUnscoped('settleIntent');
    result = { intent: await settle(ctx, id, outcome, nativeId ?? null), userErrors: [] };
  } catch (error) {
    result = { intent: null, userErrors: [toUserError(error)] };
  }
  await journal(
    ctx,
    'settleIntent',
    result.intent?.provider,
    `intent:${id}`,
    { outcome, nativeId },
    {
      account: null,
      userErrors: result.userErrors,
    },
  );
  return result;
}

async function settle(
  ctx: LifecycleContext,
  id: string,
  outcome: SettleOutcome,
  nativeId: string | null,
): Promise<WriteIntent> {
  const store = ctx.deps.store;
  const intent = await store.intents.get(id);
  if (!intent) throw new InputError('intentId', 'No such intent.', ErrorCode.NOT_FOUND);
  const open = intent.state === 'unknown' || (intent.state === 'pending' && !(await store.intents.peek(id))?.live);
  if (!open)
    throw new InputError(
      'intentId',
      `The intent is ${intent.state}; only unresolved intents can be settled.`,
      ErrorCode.CONFLICT,
    );
  const note = `settled ${outcome} by ${ctx.deps.viewer.actor}`;
  if (outcome === 'NOT_APPLIED') {
    const settled = await store.intents.settleByOperator(id, outcome, null, note);
    if (!settled) throw new InputError('intentId', 'The intent was settled meanwhile.', ErrorCode.CONFLICT);
    return settled;
  }
  const provider = ctx.deps.registry.get(intent.provider);
  const read = async (native: string): Promise<AccountRecord | null> => {
    const [record] = await provider.getAccounts([native]);
    if (record instanceof ProviderError) throw record;
    return record ?? null;
  };
  if (intent.operation === 'createAccount') {
    const account = nativeId
      ? await read(nativeId)
      : intent.username
        ? await provider.findAccountByUsername(intent.username)
        : null;
    if (!account)
      throw new InputError(
        'nativeId',
        nativeId || intent.username
          ? 'The provider does not know that account.'
          : 'Name the account the create made (`nativeId`).',
        ErrorCode.NOT_FOUND,
      );
    const accountId = encodeId('Account', account.provider, account.nativeId);
    const customerRef = typeof intent.context.customerRef === 'string' ? intent.context.customerRef : null;
    await store.completeCreate(
      id,
      null,
      {
        provider: account.provider,
        nativeId: account.nativeId,
        username: account.username,
        customerId: customerRef,
        projectId: typeof intent.context.projectRef === 'string' ? intent.context.projectRef : null,
        via: 'api',
      },
      {
        state: 'succeeded',
        response: { accountId, userErrors: [] },
        resultAccountId: accountId,
        username: account.username,
        errorMessage: note,
      },
      (tx) => ctx.events.written('CREATE', account, null, account, tx),
    );
  } else {
    if (!VERB_OF_INTENT.has(intent.operation) || !intent.target)
      throw new InputError('intentId', `Intents of ${intent.operation} cannot be settled here.`, ErrorCode.VALIDATION);
    const account = await read(intent.target);
    const gone = intent.operation === 'deleteAccount';
    const accountId = encodeId('Account', intent.provider, intent.target);
    await store.completeWrite(
      id,
      null,
      {
        account: gone ? null : account,
        ...(gone ? { gone: { provider: intent.provider, nativeId: intent.target } } : {}),
      },
      {
        state: 'succeeded',
        response: { accountId: gone ? null : accountId, deletedAccountId: gone ? accountId : null, userErrors: [] },
        resultAccountId: gone ? null : accountId,
        credentialsDelivered: true,
        errorMessage: note,
        ...(intent.addsTime ? { context: { expiresAtAfter: account?.expiresAt ?? null } } : {}),
      },
    );
  }
  return (await store.intents.get(id)) ?? intent;
}
