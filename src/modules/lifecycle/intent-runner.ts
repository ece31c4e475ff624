import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import { decodeId, encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import { asProviderError, type AccountOperation, type VpnProvider } from '../../providers/port.js';
import type { Db } from '../../core/db/db.js';
import { newLeaseOwner } from '../../core/store/intents.js';
import { type WriteIntent } from '../../core/store/intent-rows.js';
import { journal } from './write-journal.js';
import { deliverCredentials } from './credentials.js';
import { failure, type AccountPayloadShape, type IntentSession, type LifecycleContext } from './shared.js';
import { toUserError, type UserErrorShape } from '../../core/error-mapping.js';
import { hashIntentInput } from '../../lib/intent-hash.js';
import { unknownPayload } from './reconcile-write.js';
import { classifyWriteFailure } from '../../core/classify-write-failure.js';

export interface IntentPlan {
  /** The mutation's name (createAccount, renewAccount, changeAccountPlan, …). */
  operation: string;
  provider: VpnProvider;
  key: string | null | undefined;
  /** What the idempotency key is bound to (no secrets). */
  hashInput: Record<string, unknown>;
  username?: string | null;
  target?: string | null;
  context: Record<string, unknown>;
  /** `PROVIDER:nativeId` of the account written (writes on an existing account). */
  accountKey?: string | null;
  /** Create, reopen: holds a unit of the scope's quota while open. */
  opensAccount?: boolean;
  /** Renew, plan change: one at a time per account for customers. */
  addsTime?: boolean;
  /** The vendor call whose refusal is final (default: `operation`); null: any call of a multi-step verb. */
  writeCall?: string | null;
  /** Claim-time checks, in the intent's transaction (quota reservation, customer renewal bounds). */
  guard?: (tx: Db) => Promise<void>;
  /** Creates are journaled here (renewals by onAccount). */
  journal?: { operation: AccountOperation; input: Record<string, unknown> };
  /** The vendor write, with reconciliation; settles the intent on success. */
  write(session: IntentSession): Promise<AccountPayloadShape>;
}

/**
 * The write-ahead path of create and renew. The intent (key, input hash, what finds the result, lease) is
 * stored before any vendor call; a retry with the same key replays a final answer, waits for a live owner
 * (at most until its lease runs out), or takes over: reconcile first, write only when the vendor confirms
 * the earlier attempt did not land.
 */
export async function runIntent(ctx: LifecycleContext, plan: IntentPlan): Promise<AccountPayloadShape> {
  const { provider, operation } = plan;
  const journalled = async (payload: AccountPayloadShape, intent: WriteIntent | null): Promise<AccountPayloadShape> => {
    if (plan.journal) {
      const target = payload.account?.username ?? intent?.username ?? (intent ? `intent:${intent.id}` : provider.name);
      await journal(ctx, plan.journal.operation, provider.name, target, plan.journal.input, payload);
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
  const intents = ctx.deps.store.intents;
  const owner = newLeaseOwner();
  const leaseMs = ctx.leaseMs;
  const begin = () =>
    intents.begin({
      // Keys live in the caller's tenant namespace: one tenant can neither see nor block another's keys.
      key: plan.key ? `${ctx.scope.tenant}:${operation}:${plan.key}` : null,
      operation,
      provider: provider.name,
      inputHash: hashIntentInput(plan.hashInput),
      target: plan.target ?? null,
      username: plan.username ?? null,
      context: plan.context,
      owner,
      leaseMs,
      scopeKey: plan.opensAccount ? ctx.scope.identity : null,
      accountKey: plan.accountKey ?? null,
      opensAccount: plan.opensAccount ?? false,
      addsTime: plan.addsTime ?? false,
      ...(plan.guard ? { guard: plan.guard } : {}),
    });
  let claim: Awaited<ReturnType<typeof begin>>;
  try {
    claim = await begin();
  } catch (error) {
    // A claim-time refusal (quota, renewal bounds): nothing was recorded, nothing sent.
    if (error instanceof InputError) return journalled(failure(error), null);
    throw error;
  }
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
  if (claim.kind === 'replay') return journalled(await replay(ctx, claim.intent, provider), claim.intent);

  const session: IntentSession = {
    intent: claim.intent,
    owner,
    lost: false,
    mayHaveLanded: claim.takeover || claim.intent.context.mayHaveLanded === true,
  };
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
      const probe = await ctx.reconciler.probe(session.intent);
      if (probe.kind !== 'absent') {
        const settled = await ctx.reconciler.settle(session.intent, owner, probe);
        if (settled.state === 'succeeded') return journalled(await replay(ctx, settled, provider), settled);
        return journalled(unknownPayload(settled), settled);
      }
    }
    const payload = await plan.write(session);
    return journalled(payload, session.intent);
  } catch (error) {
    const kind = classifyWriteFailure(error, plan.writeCall === undefined ? operation : plan.writeCall);
    const payload = failure(error);
    const first = payload.userErrors[0];
    if (kind === 'unknown') {
      await intents.finish(session.intent.id, owner, {
        state: 'unknown',
        errorCode: ErrorCode.OUTCOME_UNKNOWN,
        errorMessage: first?.message ?? null,
        context: { mayHaveLanded: true },
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
async function replay(ctx: LifecycleContext, intent: WriteIntent, provider: VpnProvider): Promise<AccountPayloadShape> {
  const stored = (intent.response ?? { accountId: intent.resultAccountId, userErrors: [] }) as StoredPayload;
  if (intent.state === 'succeeded' && stored.deletedAccountId)
    return { account: null, deletedAccountId: stored.deletedAccountId, replayed: true, userErrors: [] };
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
    account = await ctx.deps.loaders.account.load({ provider: gid.source, nativeId: gid.nativeId });
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
    const delivered = await deliverCredentials(ctx, intent.id, provider, account);
    return {
      account: delivered.account ?? account,
      password: delivered.password,
      replayed: true,
      userErrors: delivered.userErrors,
    };
  }
  return { account, password: null, replayed: true, userErrors: stored.userErrors ?? [] };
}

interface StoredPayload {
  accountId: string | null;
  deletedAccountId?: string | null;
  userErrors: UserErrorShape[];
}

/** What an idempotency record keeps: the account id and the userErrors — never the password. */
function storedForm(payload: AccountPayloadShape): StoredPayload {
  return {
    accountId: payload.account ? encodeId('Account', payload.account.provider, payload.account.nativeId) : null,
    userErrors: payload.userErrors,
  };
}
