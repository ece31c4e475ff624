import { usernameIdRules, type NativeIdRules, type ProviderTraits } from '../module.js';
import { AccountOperation } from '../port.js';
import { PUREVPN } from './name.js';

/** PureVPN rules, shared by pre-flight validation, the provider and the emulator. */

export const PACKAGES = ['STANDARD', 'SSTP', 'HIGH-BW'] as const;
export type PvPackage = (typeof PACKAGES)[number];
/** Periods in days (the reference writes them `#30,#60,…`). */
export const PERIODS = [30, 60, 90, 180, 365] as const;
/** `new_pass`: exactly 8 alphanumeric characters. */
export const NEW_PASS_RULE = /^[A-Za-z0-9]{8}$/;
/** Alphabet of the passwords PureVPN picks (no look-alike characters). */
export const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** PureVPN picks usernames: `pvpn` + 8 digits. */
export const USERNAME_PREFIX = 'pvpn';

export const isPackage = (value: unknown): value is PvPackage => (PACKAGES as readonly unknown[]).includes(value);

/** `30` or `#30` → 30; null when it is not one of the periods. */
export function parsePeriod(value: unknown): number | null {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const n = Number(text.replace(/^#/, ''));
  return (PERIODS as readonly number[]).includes(n) ? n : null;
}

/** Plan codes are package × period, e.g. "STANDARD-30" (a bare package means 30 days). */
const PLAN_CODE = new RegExp(
  `^(${PACKAGES.map((p) => p.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})(?:-(\\d+))?$`,
);

export function parsePlanCode(code: string): { packageType: PvPackage; period: number } | null {
  const m = PLAN_CODE.exec(code);
  if (!m) return null;
  return { packageType: m[1] as PvPackage, period: m[2] ? Number(m[2]) : 30 };
}

/**
 * Usernames PureVPN is sent (form field `username`). It issues `pvpn` + 8 digits; the reference states no
 * rule, so older names of letters, digits, dots, dashes and underscores (at most 64) are accepted too.
 */
export const USERNAME_RULE = /^[A-Za-z0-9._-]{1,64}$/;
const username = (u: string) =>
  USERNAME_RULE.test(u) ? null : 'must be a PureVPN username (letters, digits, dots, dashes, underscores)';
/** An account's id is its username; PureVPN has no customers, projects or servers: only the shared rules apply. */
export const ID_RULES: NativeIdRules = usernameIdRules(username);

export const TRAITS: ProviderTraits<typeof PUREVPN> = {
  name: PUREVPN,
  capabilities: new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.RENEW,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.CHANGE_PLAN,
    AccountOperation.DELETE,
  ]),
  features: {
    listAccounts: false,
    customers: false,
    projects: false,
    plans: true,
    servers: false,
    usage: false,
    bulkUsage: false,
    connectionConfigs: false,
  },
  customerRefsAreStoreIds: false,
  idRules: ID_RULES,
};
