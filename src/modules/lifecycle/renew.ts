import { AccountOperation } from '../../providers/port.js';
import { simple } from './account-operations.js';
import type { AccountPayloadShape, LifecycleContext } from './shared.js';

/** renewAccount: a time-adding write on the one write pipeline (the expiry before it is its evidence). */
export async function renewAccount(
  ctx: LifecycleContext,
  accountId: string,
  periodDays: number,
  planCode: string | null | undefined,
  idempotencyKey: string | null | undefined,
): Promise<AccountPayloadShape> {
  const missingKey = ctx.scope.refuseRenewWithoutKey(idempotencyKey);
  if (missingKey) return { account: null, userErrors: [missingKey] };
  return simple(
    ctx,
    accountId,
    AccountOperation.RENEW,
    { periodDays, planCode },
    (provider, nativeId) => provider.renewAccount(nativeId, { periodDays, ...(planCode ? { planCode } : {}) }),
    { idempotencyKey },
  );
}
