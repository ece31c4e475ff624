import { AccountStatus } from '../../domain/records.js';
import type { NativeIdRules, ProviderTraits } from '../module.js';
import { AccountOperation } from '../port.js';
import type { WlStatusId } from './wire.js';
import { WLVPN } from './name.js';

/**
 * WLVPN v2 rules: the ONE statement of what the vendor accepts, used by pre-flight validation
 * (provider.validate), the client/provider and the emulator alike.
 */

/** cust_user_id: at most 60 characters of a-z, A-Z, 0-9 and @.-_:/~+ */
export const USERNAME_MAX = 60;
export const USERNAME_RULE = /^[A-Za-z0-9@.\-_:/~+]+$/;
/** At most this many metadata keys per customer. */
export const METADATA_MAX_KEYS = 5;
/** close_date "0000-00-00" means not set. */
export const ZERO_DATE = '0000-00-00';
export const YMD = /^\d{4}-\d{2}-\d{2}$/;
/** The paged list's largest page_size. */
export const PAGE_SIZE_MAX = 1000;
/** The bulk usage report's largest max_results. */
export const BULK_USAGE_MAX = 5000;
/** The bulk usage report looks back at most this many days (18 months). */
export const BULK_USAGE_MAX_AGE_DAYS = 548;
/** Account group used when a create names none. */
export const DEFAULT_GROUP = 1525;

export const STATUS_IDS: readonly WlStatusId[] = [1, 2, 3, 5];
export const STATUS_OF_ID: Record<WlStatusId, AccountStatus> = {
  1: AccountStatus.ACTIVE,
  2: AccountStatus.DISABLED,
  3: AccountStatus.CLOSED,
  5: AccountStatus.BANDWIDTH_CAPPED,
};
export const ID_OF_STATUS: Partial<Record<AccountStatus, WlStatusId>> = {
  [AccountStatus.ACTIVE]: 1,
  [AccountStatus.DISABLED]: 2,
  [AccountStatus.CLOSED]: 3,
  [AccountStatus.BANDWIDTH_CAPPED]: 5,
};

/** Every rule a cust_user_id breaks (empty: fine). */
export function usernameProblems(username: string): string[] {
  return [
    ...(username.length > USERNAME_MAX ? [`WLVPN usernames are at most ${USERNAME_MAX} characters.`] : []),
    ...(!USERNAME_RULE.test(username) ? ['WLVPN usernames allow only a-z, A-Z, 0-9 and @.-_:/~+'] : []),
  ];
}

/**
 * cust_password: the reference only says "Customer's password" (required on create, write-only). A password
 * with whitespace or control characters cannot be typed reliably into VPN clients, so both are refused — by
 * validation, the provider and the emulator alike.
 */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'WLVPN needs a password.';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(password))
    return 'WLVPN passwords may not contain spaces or control characters.';
  return null;
}

export const metadataProblem = (metadata: unknown): string | null =>
  typeof metadata !== 'object' || metadata === null || Object.keys(metadata).length > METADATA_MAX_KEYS
    ? `WLVPN keeps at most ${METADATA_MAX_KEYS} metadata keys.`
    : null;

/**
 * RENEW is not offered: WLVPN extends service by plan purchase (CHANGE_PLAN) or by moving close_date (EXTEND).
 */
/** cust_id: an integer (`/v2/customers/{id}`). */
export const CUST_ID_RULE = /^\d{1,19}$/;

/**
 * Ids handed to WLVPN: cust_id digits only; usernames by the cust_user_id rule (they go in URL paths,
 * percent-encoded, so `a/b` reaches `/v2/customers/username/a%2Fb`). WLVPN has no customers, projects or
 * server ids of its own: only the shared rules apply to those.
 */
export const ID_RULES: NativeIdRules = {
  account: (id) => (CUST_ID_RULE.test(id) ? null : 'must be a WLVPN cust_id (digits only)'),
  username: (u) => usernameProblems(u)[0] ?? null,
  customer: () => null,
  project: () => null,
  server: () => null,
};

export const TRAITS: ProviderTraits<typeof WLVPN> = {
  name: WLVPN,
  capabilities: new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.EXTEND,
    AccountOperation.EXPIRE,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.CHANGE_PLAN,
    AccountOperation.CLOSE,
    AccountOperation.REOPEN,
    AccountOperation.ANONYMISE,
    AccountOperation.SET_BANDWIDTH_LIMIT,
    AccountOperation.REVOKE_SESSIONS,
  ]),
  features: {
    listAccounts: true,
    customers: false,
    projects: false,
    plans: true,
    servers: true,
    usage: true,
    bulkUsage: true,
    connectionConfigs: false,
  },
  customerRefsAreStoreIds: false,
  idRules: ID_RULES,
};
