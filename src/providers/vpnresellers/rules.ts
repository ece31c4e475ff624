import type { NativeIdRules, ProviderTraits } from '../module.js';
import { AccountOperation } from '../port.js';
import { VPNRESELLERS } from './name.js';

/** VPNresellers v4.1 rules, shared by pre-flight validation, the provider and the emulator. */

/** Usernames: 3–50 letters, digits, dots, dashes or underscores; unique. */
export const USERNAME_RULE = /^[A-Za-z0-9._-]{3,50}$/;
export const PASSWORD_MIN = 6;
/** Customer names at most this long; e-mail addresses must look like one. */
export const NAME_MAX = 255;
export const EMAIL_RULE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Pages the provider asks for (per_page is honoured between 1 and 100). */
export const PAGE_SIZE = 100;
/** Vendor account statuses. */
export const ACCOUNT_STATUSES = ['Active', 'Disabled'] as const;
export type VrStatus = (typeof ACCOUNT_STATUSES)[number];

/** The vendor's own 422 message for a password it refuses (the emulator answers it). */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'The password field is required.';
  if (password.length < PASSWORD_MIN) return `The password must be at least ${PASSWORD_MIN} characters.`;
  return null;
}

/** Every rule a customer input breaks, as [field, message] (GraphQL input field names). */
export function customerProblems(input: Record<string, unknown>, creating: boolean): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (creating && (input.projectId === undefined || input.projectId === null || input.projectId === '')) {
    problems.push(['projectId', 'VPNresellers customers belong to a project: projectId is required.']);
  }
  const projectId = input.projectId;
  if (projectId !== undefined && projectId !== null && !(typeof projectId === 'string' && /^\d+$/.test(projectId))) {
    problems.push(['projectId', 'VPNresellers project ids are integers.']);
  }
  for (const key of ['firstName', 'lastName'] as const) {
    const v = input[key];
    if (creating && (typeof v !== 'string' || v.trim() === '')) problems.push([key, `VPNresellers needs ${key}.`]);
    else if (typeof v === 'string' && v.length > NAME_MAX)
      problems.push([key, `VPNresellers names are at most ${NAME_MAX} characters.`]);
  }
  const email = input.email;
  if (creating && typeof email !== 'string') problems.push(['email', 'VPNresellers needs an e-mail address.']);
  else if (typeof email === 'string' && !EMAIL_RULE.test(email))
    problems.push(['email', 'The email must be a valid email address.']);
  return problems;
}

/** Accounts, customers, projects, servers and ports are integer ids (`{account}` in `v4_1/accounts/{account}`). */
export const NUMERIC_ID = /^\d{1,19}$/;
const numeric = (what: string) => (id: string) =>
  NUMERIC_ID.test(id) ? null : `must be a VPNresellers ${what} id (digits only)`;

/** Ids handed to VPNresellers: integer ids in URL paths, usernames by USERNAME_RULE (they travel in query strings). */
export const ID_RULES: NativeIdRules = {
  account: numeric('account'),
  customer: numeric('customer'),
  project: numeric('project'),
  server: numeric('server'),
  username: (u) => (USERNAME_RULE.test(u) ? null : 'must be 3–50 letters, digits, dots, dashes or underscores'),
};

export const TRAITS: ProviderTraits<typeof VPNRESELLERS> = {
  name: VPNRESELLERS,
  capabilities: new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.RENEW,
    AccountOperation.EXTEND,
    AccountOperation.EXPIRE,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.DELETE,
  ]),
  features: {
    listAccounts: true,
    customers: true,
    projects: true,
    plans: false,
    servers: true,
    usage: false,
    bulkUsage: false,
    connectionConfigs: true,
  },
  customerRefsAreStoreIds: false,
  idRules: ID_RULES,
};
