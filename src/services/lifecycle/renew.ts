import { encodeId } from '../../domain/ids.js';
import { AccountOperation } from '../../providers/port.js';
import { onAccount } from './account-operations.js';
import { runIntent } from './intent-runner.js';
import type { AccountPayloadShape, LifecycleContext } from './shared.js';
import { callWithReconcile } from './write-failure.js';

/** renewAccount: the common account path around a write-ahead intent that remembers the expiry before it. */
export async function renewAccount(
  ctx: LifecycleContext,
  accountId: string,
  periodDays: number,
  planCode: string | null | undefined,
  idempotencyKey: string | null | undefined,
): Promise<AccountPayloadShape> {
  const input = { accountId, periodDays, planCode };
  const missingKey = ctx.scope.refuseRenewWithoutKey(idempotencyKey);
  if (missingKey) return { account: null, userErrors: [missingKey] };
  return onAccount(
    ctx,
    accountId,
    AccountOperation.RENEW,
    { periodDays, planCode },
    async (provider, nativeId, before) =>
      runIntent(ctx, {
        operation: 'renewAccount',
        provider,
        key: idempotencyKey,
        hashInput: input,
        target: nativeId,
        // What tells later whether the renewal happened: the expiry before it.
        context: { expiresAtBefore: before?.expiresAt ?? null },
        write: async (session) => {
          const account = await callWithReconcile(
            ctx,
            provider,
            'renewAccount',
            session,
            () => provider.renewAccount(nativeId, { periodDays, ...(planCode ? { planCode } : {}) }),
            async () => {
              const probe = await ctx.reconciler.probe(session.intent);
              if (probe.kind === 'applied') return probe.account;
              return probe.kind === 'absent' ? null : undefined;
            },
          );
          const id = encodeId('Account', account.provider, account.nativeId);
          await ctx.deps.store.intents.finish(session.intent.id, session.owner, {
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
