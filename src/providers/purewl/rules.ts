import { usernameIdRules, type NativeIdRules, type ProviderTraits } from '../module.js';
import { AccountOperation } from '../port.js';
import type { PwSubscriptionType } from './wire.js';
import { PUREWL } from './name.js';

/** PureWL rules, shared by pre-flight validation, the provider, the mapper and the emulator. */

/** vpnUsername: 3–20 letters and digits. */
export const USERNAME_RULE = /^[A-Za-z0-9]{3,20}$/;
export const PERIOD_MIN_DAYS = 1;
export const PERIOD_MAX_DAYS = 3700;
/** renew is refused (100010) while more than this many days remain before expiry. */
export const RENEW_WINDOW_DAYS = 10;
export const SUBSCRIPTIONS: readonly PwSubscriptionType[] = ['trial', 'paid', 'freemium'];
export const PLATFORMS = ['android', 'ios', 'mac', 'windows'] as const;
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The password policy: 12–32 characters with upper case, lower case and digits. */
export function passwordOk(password: unknown): password is string {
  return (
    typeof password === 'string' &&
    password.length >= 12 &&
    password.length <= 32 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /\d/.test(password)
  );
}

export const periodOk = (period: unknown): boolean =>
  Number.isInteger(Number(period)) && Number(period) >= PERIOD_MIN_DAYS && Number(period) <= PERIOD_MAX_DAYS;

export const isSubscription = (value: unknown): value is PwSubscriptionType =>
  (SUBSCRIPTIONS as readonly unknown[]).includes(value);

/** Epoch ms → "February 26, 2024" (UTC), PureWL's date format. */
export function purewlDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** "February 26, 2024" → "2024-02-26T00:00:00.000Z"; null when it is not that shape. */
export function monthDayYearToIso(value: string): string | null {
  const m = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === (m[1] as string).toLowerCase());
  if (month < 0) return null;
  const date = new Date(Date.UTC(Number(m[3]), month, Number(m[2])));
  if (date.getUTCDate() !== Number(m[2])) return null;
  return date.toISOString();
}

/** YYYY-MM-DD → the DD-MM-YYYY that extend wants. */
export function toExtensionDate(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${d}-${m}-${y}`;
}

/**
 * Ids handed to PureWL: an account's id is its vpnUsername (USERNAME_RULE); customers are ids kept in this
 * API's store (the `uuid`), projects and servers are not PureWL's: only the shared rules apply to those.
 */
const username = (u: string) =>
  USERNAME_RULE.test(u) ? null : 'must be a PureWL vpnUsername (3–20 letters and digits)';
export const ID_RULES: NativeIdRules = usernameIdRules(username);

/** The account's `uuid` is ours to choose: the id of a customer kept in this API's store. */
export const TRAITS: ProviderTraits<typeof PUREWL> = {
  name: PUREWL,
  capabilities: new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.RENEW,
    AccountOperation.EXTEND,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.CHANGE_PLAN,
    AccountOperation.DELETE,
  ]),
  features: {
    listAccounts: false,
    customers: false,
    projects: false,
    plans: true,
    servers: true,
    usage: false,
    bulkUsage: false,
    connectionConfigs: false,
  },
  customerRefsAreStoreIds: true,
  idRules: ID_RULES,
};
