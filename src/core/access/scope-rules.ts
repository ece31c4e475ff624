import { ErrorCode } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { Loaders } from '../loaders/loaders.js';

/** What a scoped credential may renew (CUSTOMER_RENEW_*), and the refusals the scope guard answers (scope.ts). */

type Key = { provider: ProviderName; nativeId: string };

export interface ScopeRules {
  /** CUSTOMER_RENEW_REQUIRES_IDEMPOTENCY_KEY */
  renewRequiresKey: boolean;
  /** CUSTOMER_RENEW_WITHIN_DAYS */
  renewWithinDays: number;
  /** CUSTOMER_RENEW_MAX_DAYS */
  maxDays: number;
}

export const DEFAULT_SCOPE_RULES: ScopeRules = { renewRequiresKey: true, renewWithinDays: 30, maxDays: 366 };

/** A refusal as a mutation userError. */
export interface ScopeRefusal {
  field: string[] | null;
  message: string;
  code: ErrorCode;
}

const DAY_MS = 86_400_000;

/** Renewal bounds of a scoped caller: at most `maxDays` at once, and only within `renewWithinDays` of the expiry. */
export async function renewalRefusal(
  loaders: Loaders,
  rules: ScopeRules,
  key: Key,
  operation: string,
  input: { periodDays?: unknown; date?: unknown },
): Promise<ScopeRefusal | null> {
  if (typeof input.periodDays === 'number' && input.periodDays > rules.maxDays)
    return forbidden(['input', 'periodDays'], `At most ${rules.maxDays} days at once.`);
  if (typeof input.date === 'string' && Date.parse(input.date) > Date.now() + rules.maxDays * DAY_MS)
    return forbidden(['input', 'date'], `At most ${rules.maxDays} days from today.`);
  const account = await loaders.account.load(key);
  const expires = account?.expiresAt ? Date.parse(account.expiresAt) : null;
  if (expires === null || expires > Date.now() + rules.renewWithinDays * DAY_MS)
    return forbidden(null, `Renewal opens ${rules.renewWithinDays} days before the account expires.`);
  return null;
}

function forbidden(field: string[] | null, message: string): ScopeRefusal {
  return { field, message, code: ErrorCode.FORBIDDEN };
}
