import { AccountStatus, type AccountRecord } from '../../domain/records.js';
import { AccountOperation } from '../../providers/port.js';

/**
 * What each vendor write on an existing account is expected to leave, and how reconciliation decides from
 * the account as the vendor shows it now whether the write happened (issue #24: decide by evidence).
 *
 * - An absolute write (enable, disable, extend to a date, expire, close, reopen, anonymise, delete) is
 *   idempotent upstream: the expected state seen → applied; not seen → not applied, and sending it again
 *   cannot do it twice.
 * - A time-adding write (renew, plan change) is not: applied when the expiry (or the plan) moved from the
 *   snapshot taken before the write; unchanged → not applied only once the attempt can no longer land
 *   (`settleMs` after it failed); otherwise unknown, and nothing is sent again.
 * - A write nobody can observe (password, sessions, bandwidth limit) is idempotent upstream: sending the same
 *   write again is the reconciliation.
 */

export interface Snapshot {
  status: AccountStatus | null;
  expiresAt: string | null;
  planNativeId: string | null;
  /** Entries of the vendor's plan history (WLVPN plans_info): a purchase adds one. */
  plans?: number | null;
}

export interface Expectation {
  /** Status after the write (any of). */
  status?: AccountStatus[];
  /** Status that must no longer be there. */
  notStatus?: AccountStatus[];
  /** Expiry date (YYYY-MM-DD) after the write. */
  expiresOn?: string;
  planNativeId?: string;
  /** The account is gone (delete). */
  gone?: boolean;
  /** The account being gone also shows the write (WLVPN answers 410 for an anonymised account). */
  orGone?: boolean;
}

export interface Verb {
  /** The write-ahead intent's operation name (the GraphQL mutation). */
  intent: string;
  addsTime: boolean;
  opensAccount: boolean;
  /** Read the account before the write (time-adding writes need the snapshot as evidence). */
  needsBefore: boolean;
  expect(input: Record<string, unknown>): Expectation | null;
}

const absolute = (intent: string, expect: Verb['expect'], opensAccount = false): Verb => ({
  intent,
  addsTime: false,
  opensAccount,
  needsBefore: false,
  expect,
});

export const VERBS: Readonly<Record<Exclude<AccountOperation, AccountOperation.CREATE>, Verb>> = {
  [AccountOperation.ENABLE]: absolute('enableAccount', () => ({
    notStatus: [AccountStatus.DISABLED, AccountStatus.CLOSED],
  })),
  [AccountOperation.DISABLE]: absolute('disableAccount', () => ({ status: [AccountStatus.DISABLED] })),
  [AccountOperation.EXTEND]: absolute('extendAccount', (i) => ({ expiresOn: String(i.date) })),
  [AccountOperation.EXPIRE]: absolute('expireAccount', (i) =>
    typeof i.date === 'string' ? { expiresOn: i.date } : { status: [AccountStatus.EXPIRED, AccountStatus.CLOSED] },
  ),
  [AccountOperation.CLOSE]: absolute('closeAccount', () => ({ status: [AccountStatus.CLOSED] })),
  [AccountOperation.DELETE]: absolute('deleteAccount', () => ({ gone: true })),
  [AccountOperation.REOPEN]: absolute('reopenAccount', () => ({ notStatus: [AccountStatus.CLOSED] }), true),
  [AccountOperation.ANONYMISE]: absolute('anonymiseAccount', () => ({ status: [AccountStatus.CLOSED], orGone: true })),
  [AccountOperation.CHANGE_PASSWORD]: absolute('changeAccountPassword', () => null),
  [AccountOperation.SET_BANDWIDTH_LIMIT]: absolute('setAccountBandwidthLimit', () => null),
  [AccountOperation.REVOKE_SESSIONS]: absolute('revokeAccountSessions', () => null),
  [AccountOperation.RENEW]: {
    intent: 'renewAccount',
    addsTime: true,
    opensAccount: false,
    needsBefore: true,
    expect: () => null,
  },
  [AccountOperation.CHANGE_PLAN]: {
    intent: 'changeAccountPlan',
    addsTime: true,
    opensAccount: false,
    needsBefore: true,
    expect: (i) => ({ planNativeId: String(i.planCode) }),
  },
};

/** The intent operation names of account writes, and which verb each is. */
export const VERB_OF_INTENT: ReadonlyMap<string, Exclude<AccountOperation, AccountOperation.CREATE>> = new Map(
  Object.entries(VERBS).map(([op, v]) => [v.intent, op as Exclude<AccountOperation, AccountOperation.CREATE>]),
);

export function snapshot(record: AccountRecord | null): Snapshot | null {
  if (!record) return null;
  return {
    status: record.status,
    expiresAt: record.expiresAt,
    planNativeId: record.planNativeId,
    plans: record.plans?.length ?? null,
  };
}

export type Verdict = 'applied' | 'absent' | 'unsettled';

/**
 * The verdict on one write from the account as the vendor shows it now (`now` null: the vendor no longer
 * knows it). `unsettled`: the evidence cannot tell yet (a time-adding write whose attempt may still land).
 */
export function verdict(
  verb: Verb,
  context: { before?: Snapshot | null; expect?: Expectation | null },
  now: AccountRecord | null,
  settled: boolean,
): Verdict {
  const expect = context.expect ?? null;
  if (expect?.gone) return now === null ? 'applied' : 'absent';
  if (now === null) return expect?.orGone ? 'applied' : 'unsettled';
  if (verb.addsTime) {
    const before = context.before ?? null;
    if (!before) return 'unsettled';
    const planMoved =
      expect?.planNativeId !== undefined &&
      before.planNativeId !== expect.planNativeId &&
      now.planNativeId === expect.planNativeId;
    // Where the vendor shows a plan history (WLVPN), a purchase is in it; the expiry alone also moves when a
    // plan is only revoked. Elsewhere the expiry moving is the evidence.
    const history = typeof before.plans === 'number';
    const bought = history && (now.plans?.length ?? 0) > (before.plans ?? 0);
    const moved = !history && !sameInstant(now.expiresAt, before.expiresAt);
    if (moved || planMoved || bought) return 'applied';
    return settled ? 'absent' : 'unsettled';
  }
  if (!expect) return 'absent';
  return matches(expect, now) ? 'applied' : 'absent';
}

function matches(expect: Expectation, now: AccountRecord): boolean {
  if (expect.status && !expect.status.includes(now.status)) return false;
  if (expect.notStatus && expect.notStatus.includes(now.status)) return false;
  if (expect.expiresOn !== undefined && (now.expiresAt ?? '').slice(0, 10) !== expect.expiresOn) return false;
  if (expect.planNativeId !== undefined && now.planNativeId !== expect.planNativeId) return false;
  return true;
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}
