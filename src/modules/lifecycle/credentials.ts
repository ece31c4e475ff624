import { decodeId, encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import { generatePassword } from '../../lib/password.js';
import { AccountOperation, asProviderError, type VpnProvider } from '../../providers/port.js';
import { type LifecycleContext } from './shared.js';
import { toUserError, type UserErrorShape } from '../../core/error-mapping.js';

/** A generated password the account's provider accepts (16 mixed characters, or 8 alphanumerics for PureVPN). */
export function passwordFor(ctx: LifecycleContext, accountId: string): string {
  const gid = decodeId(accountId);
  const provider = gid && gid.source !== 'STORE' ? ctx.deps.registry.get(gid.source) : null;
  for (const length of [16, 8]) {
    const candidate = generatePassword(length);
    if (!provider || provider.validate(AccountOperation.CHANGE_PASSWORD, { password: candidate }).length === 0)
      return candidate;
  }
  return generatePassword(16);
}

/**
 * Sets a fresh password through the vendor's change-password call and answers it, for an account whose
 * password nobody has seen. One caller only (the intent's flag is taken atomically); given back on failure.
 */
export function deliverCredentials(
  ctx: LifecycleContext,
  intentId: string,
  provider: VpnProvider,
  account: AccountRecord,
): Promise<{ account: AccountRecord | null; password: string | null; userErrors: UserErrorShape[] }> {
  const intents = ctx.deps.store.intents;
  return deliverOnce(ctx, provider, account, {
    take: () => intents.takeCredentialDelivery(intentId),
    undo: () => intents.undoCredentialDelivery(intentId),
  });
}

/**
 * Sets a fresh password and answers it, to the one caller that takes the flag (`once.take`, atomic); the flag
 * is given back when setting the password failed. Used by creates (the intent's flag) and moves (the move's).
 */
export async function deliverOnce(
  ctx: LifecycleContext,
  provider: VpnProvider,
  account: AccountRecord,
  once: { take(): Promise<boolean>; undo(): Promise<void> },
): Promise<{ account: AccountRecord | null; password: string | null; userErrors: UserErrorShape[] }> {
  if (!provider.capabilities.has(AccountOperation.CHANGE_PASSWORD)) return { account, password: null, userErrors: [] };
  if (!(await once.take())) return { account, password: null, userErrors: [] };
  const password = passwordFor(ctx, encodeId('Account', account.provider, account.nativeId));
  try {
    const updated = await provider.changePassword(account.nativeId, password);
    return { account: updated, password, userErrors: [] };
  } catch (error) {
    await once.undo();
    const problem = toUserError(asProviderError(provider.name, 'changePassword', error));
    return {
      account,
      password: null,
      userErrors: [
        {
          field: null,
          message: `The account exists; setting its password failed (ask again with the same key): ${problem.message}`,
          code: problem.code,
        },
      ],
    };
  }
}
