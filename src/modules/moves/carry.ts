import { createHash } from 'node:crypto';
import { InputError } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import { AccountStatus, type AccountRecord } from '../../domain/records.js';
import { todayYmd } from '../../lib/dates.js';
import { AccountOperation, type VpnProvider } from '../../providers/port.js';
import type { CarryOver, SourceAction } from './moves.store.js';
import type { Store } from '../../core/store/store.js';

/** What a move checks before any vendor write, and the time it carries over (shared by the service and runner). */

const DAY_MS = 86_400_000;

/**
 * Whole days of service left, counted in calendar days from today (UTC): a day the source still runs into
 * counts whole, so today + remainingDays is never before the source's expiry.
 */
export function remainingDays(expiresAt: string, now = Date.now()): number {
  const end = Date.parse(expiresAt);
  const today = Date.parse(`${todayYmd(now)}T00:00:00.000Z`);
  return Math.max(1, Math.ceil((end - today) / DAY_MS));
}

/** Whether a source account can be moved at all: it runs now, until a known date. */
export function sourceProblem(record: AccountRecord, now = Date.now()): InputError | null {
  if (record.status === AccountStatus.CLOSED || record.status === AccountStatus.EXPIRED)
    return new InputError('accountId', `The account is ${record.status.toLowerCase()}; only a live account moves.`);
  if (!record.expiresAt)
    return new InputError(
      'accountId',
      'The account has no expiry (open-ended service): a move carries a known stretch of time; set an expiry first.',
    );
  if (Date.parse(record.expiresAt) <= now)
    return new InputError('accountId', 'The account has expired; renew it before moving it.');
  return null;
}

/** The carry-over: the remaining days rounded up to what the target sells (its termFor). */
export async function carryOver(
  target: VpnProvider,
  sourceExpiresAt: string,
  planCode: string | null,
  now = Date.now(),
): Promise<CarryOver> {
  const days = remainingDays(sourceExpiresAt, now);
  const term = await target.termFor(days, planCode);
  return {
    sourceExpiresAt,
    remainingDays: days,
    targetDays: term.days,
    roundedUpDays: term.days - days,
    granularity: term.granularity,
    periodDays: term.periodDays,
    planCode: term.planCode,
    targetExpiresAt: null,
  };
}

/** The verb that retires the source under MOVE_SOURCE_ACTION, falling back to what the vendor offers. */
export function retireOperation(source: VpnProvider, action: SourceAction): AccountOperation | null {
  const caps = source.capabilities;
  const order: Record<SourceAction, AccountOperation[]> = {
    disable: [AccountOperation.DISABLE],
    close: [AccountOperation.CLOSE, AccountOperation.DELETE],
    delete: [AccountOperation.DELETE, AccountOperation.CLOSE],
  };
  return order[action].find((op) => caps.has(op)) ?? null;
}

/**
 * The target-side customer the create needs where the vendor keeps store customer uuids (PureWL): the source's
 * link when it is a customer of this API's store; `derive` when it is not (a provider's customer, or no link): the
 * move then makes one (targetCustomer); null when the target keeps no customers.
 */
export function storeCustomerFor(
  target: VpnProvider,
  customerLink: string | null,
): { storeId: string } | 'derive' | null {
  if (!target.customerRefsAreStoreIds) return null;
  const gid = customerLink ? decodeId(customerLink) : null;
  if (!gid || gid.type !== 'Customer' || gid.source !== 'STORE') return 'derive';
  return { storeId: gid.nativeId };
}

/**
 * The store customer a move makes for a target that keeps customers of this store (PureWL's `uuid`, "the
 * reseller's own id for the end customer") when the source has none: one per source customer (or per source
 * account when it has no customer link), found again by its `external_ref` and its reserved `.invalid` email, so
 * a resumed move and later moves of the same customer reuse it. Its id is what the create sends as `uuid`.
 */
export async function targetCustomer(
  store: Store,
  link: string | null,
  source: { provider: string; nativeId: string; username: string },
): Promise<string> {
  const basis = link ?? `Account:${source.provider}:${source.nativeId}`;
  const ref = `move:${basis}`;
  const find = async () => {
    const [row] = await store.db.query<{ id: string }>(
      'SELECT id::text FROM customers WHERE external_ref = $1 ORDER BY created_at LIMIT 1',
      [ref],
    );
    return row?.id ?? null;
  };
  const found = await find();
  if (found) return found;
  const digest = createHash('sha256').update(basis).digest('hex').slice(0, 24);
  try {
    const made = await store.createCustomer({
      firstName: source.username,
      lastName: `(moved from ${source.provider})`,
      email: `moved-${digest}@moves.invalid`,
      externalRef: ref,
    });
    return made.nativeId;
  } catch (error) {
    // A concurrent move of the same customer made it first (the email is unique): use that one.
    const again = await find();
    if (again) return again;
    throw error;
  }
}
