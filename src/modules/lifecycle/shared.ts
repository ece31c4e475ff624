import type { Logger } from 'pino';
import { ErrorCode, InputError } from '../../domain/errors.js';
import { toUserError, type UserErrorShape } from '../../core/error-mapping.js';
import type { AccountRecord } from '../../domain/records.js';
import type { Viewer } from '../../domain/viewer.js';
import type { Loaders } from '../../core/loaders/loaders.js';
import { AccountOperation, type CreateAccountInput, type VpnProvider } from '../../providers/port.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { WriteIntent } from '../../core/store/intent-rows.js';
import type { Store } from '../../core/store/store.js';
import { isYmd, todayYmd } from '../../lib/dates.js';
import type { ScopeGuard } from '../../core/access/scope-guard.js';
import type { AccountEvents } from '../../core/events/account-events.js';
import type { IntentReconciler } from './reconciler.js';

/** Shapes, settings and input rules shared by the lifecycle modules (see ../lifecycle.ts). */

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
  /** Lease of a write-ahead intent (INTENT_LEASE_MS, default 15 s). */
  leaseMs?: number;
  /** WRITE_SETTLE_MS: how long after a failed time-adding attempt its absence counts as evidence. */
  settleMs?: number;
  /** The request's scope guard (shared with the read services); built from `viewer` when absent. */
  scope?: ScopeGuard;
  /** Account history (default: recorded as the viewer, default notice thresholds). */
  events?: AccountEvents;
}

/** What the lifecycle modules share for one request: its dependencies and the helpers built from them. */
export interface LifecycleContext {
  deps: LifecycleDeps;
  scope: ScopeGuard;
  events: AccountEvents;
  reconciler: IntentReconciler;
  leaseMs: number;
}

const USERNAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A claimed intent while its owner works on it. `lost`: the heartbeat found the lease taken over. */
export interface IntentSession {
  intent: WriteIntent;
  owner: string;
  lost: boolean;
  /** An earlier attempt of this intent may have reached the vendor (it ended unknown, or its owner died). */
  mayHaveLanded: boolean;
}

export function randomText(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += USERNAME_ALPHABET[Math.floor(Math.random() * USERNAME_ALPHABET.length)];
  return out;
}

/** Rules that hold whatever the provider: sizes, dates, numbers. */
export function commonChecks(
  input: Record<string, unknown> | CreateAccountInput,
  operation?: AccountOperation,
): InputError[] {
  const i = input as Record<string, unknown>;
  const errors: InputError[] = [];
  const str = (name: string, max: number) => {
    const v = i[name];
    if (typeof v === 'string' && (v.length === 0 || v.length > max))
      errors.push(new InputError(name, `\`${name}\` must be 1 to ${max} characters.`));
  };
  str('username', 128);
  str('password', 128);
  str('planCode', 64);
  if (typeof i.periodDays === 'number' && (!Number.isInteger(i.periodDays) || i.periodDays <= 0)) {
    errors.push(new InputError('periodDays', '`periodDays` must be a positive whole number of days.'));
  }
  if (typeof i.date === 'string' && !isYmd(i.date))
    errors.push(new InputError('date', '`date` must be a date written YYYY-MM-DD.'));
  else if (operation === AccountOperation.EXTEND && typeof i.date === 'string' && i.date <= todayYmd()) {
    errors.push(new InputError('date', 'The new expiry must be in the future (use expireAccount to end the service).'));
  }
  if (
    typeof i.kilobytesPerSecond === 'number' &&
    (!Number.isInteger(i.kilobytesPerSecond) || i.kilobytesPerSecond <= 0)
  ) {
    errors.push(
      new InputError(
        'kilobytesPerSecond',
        '`kilobytesPerSecond` must be a positive whole number (or null to remove the limit).',
      ),
    );
  }
  return errors;
}

export function unsupported(provider: VpnProvider, operation: AccountOperation): AccountPayloadShape {
  return {
    account: null,
    userErrors: [
      {
        field: null,
        message: `${provider.name} does not support ${operation}.`,
        code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
      },
    ],
  };
}

export function failure(error: unknown): AccountPayloadShape {
  return { account: null, userErrors: [toUserError(error)] };
}
