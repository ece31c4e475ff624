import type {
  AccountRecord,
  AccountStatus,
  ConnectionConfigRecord,
  CustomerRecord,
  PlanRecord,
  ProjectRecord,
  ServerRecord,
  UsageRecord,
} from '../domain/records.js';
import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type { PageMemo } from './paging.js';
export type { PageMemo };

/**
 * The provider port: everything the graph needs from a VPN reseller API, in domain terms.
 * Resolvers and loaders only ever see this interface; vendor knowledge stays in each provider folder.
 */

/** Lifecycle operations an account may support (exposed as `Account.capabilities`). */
export enum AccountOperation {
  CREATE = 'CREATE',
  ENABLE = 'ENABLE',
  DISABLE = 'DISABLE',
  /** Add a period (days) to the subscription. */
  RENEW = 'RENEW',
  /** Move the expiry to a given date. */
  EXTEND = 'EXTEND',
  /** End the service at once (or at a given date). */
  EXPIRE = 'EXPIRE',
  CHANGE_PASSWORD = 'CHANGE_PASSWORD',
  CHANGE_PLAN = 'CHANGE_PLAN',
  /** Close the account and keep it (WLVPN acct_status_id 3). */
  CLOSE = 'CLOSE',
  /** Remove the account upstream for good. */
  DELETE = 'DELETE',
  REOPEN = 'REOPEN',
  ANONYMISE = 'ANONYMISE',
  SET_BANDWIDTH_LIMIT = 'SET_BANDWIDTH_LIMIT',
  REVOKE_SESSIONS = 'REVOKE_SESSIONS',
}

/** What a provider can serve on the read side. */
export interface ProviderFeatures {
  /** The vendor can list accounts itself (else the store's registry supplies usernames). */
  listAccounts: boolean;
  customers: boolean;
  projects: boolean;
  plans: boolean;
  servers: boolean;
  usage: boolean;
  /** One upstream call answers usage for many accounts. */
  bulkUsage: boolean;
  connectionConfigs: boolean;
}

export interface AccountFilter {
  statuses?: readonly AccountStatus[];
  customerNativeId?: string;
  projectNativeId?: string;
  usernamePrefix?: string;
}

export interface PageQuery<F = undefined> {
  offset: number;
  limit: number;
  filter?: F;
  /**
   * Accounts only: whether the caller needs what only a per-account vendor read tells (status,
   * providerStatus, expiresAt). Default true. When false, a provider without a list call answers from this
   * API's directory alone and marks their status fields `incomplete` (no upstream call at all).
   */
  readStatus?: boolean;
  /**
   * Vendor pages this caller has already read (one memo per request's list): a vendor with numbered pages
   * serves a window that falls in one of them without another call.
   */
  pages?: PageMemo;
}

export interface Page<T> {
  items: T[];
  /** Total matching items, when the provider knows it. */
  totalCount: number | null;
}

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

/** One slot per requested key, in the same order: the record, null for "does not exist", or the error. */
export type BatchResult<T> = Array<T | null | ProviderError>;

export interface CreateAccountInput {
  username?: string;
  /** When omitted the provider (or we) generate one; it is returned once and never stored. */
  password?: string;
  /** Days of service (PureWL, PureVPN). */
  periodDays?: number;
  /** WLVPN plan code / PureVPN package / PureWL subscription type. */
  planCode?: string;
  customerNativeId?: string;
  /** Reseller's own id for the end customer (PureWL uuid). */
  externalCustomerRef?: string;
  /** VPNresellers: create the customer with the account. */
  newCustomer?: { firstName: string; lastName: string; email: string; projectNativeId: string };
  /** WLVPN account group. */
  groupId?: string;
  metadata?: Record<string, string>;
  /**
   * A mark of this create (its intent id) the vendor keeps with the account where it can (WLVPN metadata),
   * so that a later "already exists" can be told apart from someone else's account (`provesCreate`).
   */
  createMark?: string;
  /**
   * Not sent upstream: called as soon as the vendor names the new account (vendors that pick the username),
   * before any read-back, so a failure after it can still be reconciled by that name.
   */
  onAccepted?: (username: string) => Promise<void>;
}

/** How a vendor sells a stretch of service at create (account moves, issue #30). */
export interface ServiceTerm {
  /** What the create sends: a period in days, and/or a plan code. */
  periodDays: number | null;
  planCode: string | null;
  /** Days of service the create buys (≥ the days asked for). */
  days: number;
  /** How the vendor sells time, for people (e.g. "PureVPN periods of 30, 60, 90, 180 or 365 days"). */
  granularity: string;
}

export interface CreatedAccount {
  account: AccountRecord;
  /** The VPN password, returned once to the caller. */
  password: string | null;
}

export interface RenewInput {
  periodDays: number;
  /** Change the package/plan on renewal where the vendor allows it (PureVPN package_type). */
  planCode?: string;
}

export interface CustomerInput {
  firstName: string;
  lastName: string;
  email: string;
  projectNativeId: string;
}

export interface ProjectInput {
  name: string;
  description: string;
}

export interface ServerFilter {
  countryCodes?: readonly string[];
}

export interface ProviderHealth {
  ok: boolean;
  breaker: 'closed' | 'open' | 'half-open' | 'isolated';
  message: string | null;
}

/**
 * Pre-flight validation: the provider's documented input rules, checked before any upstream call.
 * Returns every broken rule (empty = fine). Field names are GraphQL input field names.
 */
export type InputCheck = (operation: AccountOperation, input: Record<string, unknown>) => InputError[];

export interface VpnProvider {
  readonly name: ProviderName;
  /** True when this provider runs against its in-process emulator. */
  readonly sandbox: boolean;
  readonly capabilities: ReadonlySet<AccountOperation>;
  readonly features: ProviderFeatures;
  /** Whether `record` carries the mark a create wrote (`CreateAccountInput.createMark`); absent: no marks. */
  provesCreate?(record: AccountRecord, mark: string): boolean;
  /**
   * True when an account's customer link is the id of a customer kept in this API's store (PureWL, whose
   * `uuid` is ours to choose); false when customers, if any, live at the vendor.
   */
  readonly customerRefsAreStoreIds: boolean;

  // ---- reads (batch-shaped) ----
  getAccounts(nativeIds: readonly string[]): Promise<BatchResult<AccountRecord>>;
  getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>>;
  /**
   * Providers without a list call only: the accounts this API's directory keeps, with no vendor call (their
   * status fields `incomplete`); null where the directory does not know the id.
   */
  getKnownAccounts?(nativeIds: readonly string[]): Promise<BatchResult<AccountRecord>>;
  listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>>;
  getCustomers(nativeIds: readonly string[]): Promise<BatchResult<CustomerRecord>>;
  listCustomers(query: PageQuery<{ projectNativeId?: string }>): Promise<Page<CustomerRecord>>;
  getProjects(nativeIds: readonly string[]): Promise<BatchResult<ProjectRecord>>;
  listProjects(query: PageQuery): Promise<Page<ProjectRecord>>;
  listPlans(): Promise<PlanRecord[]>;
  listServers(filter?: ServerFilter): Promise<ServerRecord[]>;
  getUsage(accountNativeIds: readonly string[], range: DateRange): Promise<BatchResult<UsageRecord>>;
  getConnectionConfigs(accountNativeId: string, serverNativeId: string): Promise<ConnectionConfigRecord[]>;
  /** Cheap liveness check used by `providers { health }`. */
  health(): Promise<ProviderHealth>;
  /** Circuit breaker state without any upstream call (for /ready); optional. */
  breakerState?(): 'closed' | 'open' | 'half-open' | 'isolated';

  // ---- lifecycle ----
  validate: InputCheck;
  /** Pre-flight validation of a customer input (create/update) by the vendor's rules; [] when it keeps no customers. */
  validateCustomer(input: Record<string, unknown>): InputError[];
  createAccount(input: CreateAccountInput): Promise<CreatedAccount>;
  /**
   * The create input that buys at least `days` of service, rounded up to how the vendor sells time (a plan
   * code the caller chose, when given, must cover them). Throws an InputError when no plan covers them.
   */
  termFor(days: number, planCode: string | null): Promise<ServiceTerm>;
  /**
   * After an unknown outcome (timeout/reset after send): ask the vendor whether the account exists.
   * Returns the account when it does, null when it does not.
   */
  findAccountByUsername(username: string): Promise<AccountRecord | null>;
  enableAccount(nativeId: string): Promise<AccountRecord>;
  disableAccount(nativeId: string): Promise<AccountRecord>;
  renewAccount(nativeId: string, input: RenewInput): Promise<AccountRecord>;
  /** `date` is YYYY-MM-DD. */
  extendAccount(nativeId: string, date: string): Promise<AccountRecord>;
  /** Expire now, or at `date` (YYYY-MM-DD) when given. */
  expireAccount(nativeId: string, date?: string): Promise<AccountRecord>;
  changePassword(nativeId: string, password: string): Promise<AccountRecord>;
  changePlan(nativeId: string, planCode: string): Promise<AccountRecord>;
  closeAccount(nativeId: string): Promise<AccountRecord>;
  /** Removes the account upstream; nothing to return. */
  deleteAccount(nativeId: string): Promise<void>;
  reopenAccount(nativeId: string): Promise<AccountRecord>;
  anonymiseAccount(nativeId: string): Promise<AccountRecord>;
  /** Kilobytes per second, or null to remove every limitation. */
  setBandwidthLimit(nativeId: string, kilobytesPerSecond: number | null): Promise<AccountRecord>;
  revokeSessions(nativeId: string): Promise<void>;

  createCustomer(input: CustomerInput): Promise<CustomerRecord>;
  updateCustomer(nativeId: string, input: Partial<Omit<CustomerInput, 'projectNativeId'>>): Promise<CustomerRecord>;
  deleteCustomer(nativeId: string): Promise<void>;
  createProject(input: ProjectInput): Promise<ProjectRecord>;
  updateProject(nativeId: string, input: ProjectInput): Promise<ProjectRecord>;
  deleteProject(nativeId: string): Promise<void>;

  close(): Promise<void>;
}

/**
 * Where accounts come from for vendors with no list call (PureWL, PureVPN): the store's registry of
 * usernames created through this API (or imported). Implemented by src/core/store; injected into providers.
 */
export interface AccountDirectory {
  list(
    provider: ProviderName,
    query: { offset: number; limit: number; usernamePrefix?: string; customerNativeId?: string },
  ): Promise<{ usernames: string[]; total: number }>;
  /** Customer link kept in the store for an account (PureWL uuid, any provider's store customer). */
  customerOf(provider: ProviderName, usernames: readonly string[]): Promise<Array<string | null>>;
  /** Which usernames the directory keeps (with their customer link); null where it keeps none. */
  entries(
    provider: ProviderName,
    usernames: readonly string[],
  ): Promise<Array<{ customerNativeId: string | null } | null>>;
}

export function unsupported(provider: ProviderName, operation: string): ProviderError {
  return new ProviderError({
    provider,
    operation,
    code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
    message: `${provider} does not support ${operation}`,
    retryable: false,
  });
}

/** Any failure as a ProviderError: a ProviderError is kept, anything else becomes UPSTREAM_UNAVAILABLE. */
export function asProviderError(provider: ProviderName, operation: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError({
    provider,
    operation,
    code: ErrorCode.UPSTREAM_UNAVAILABLE,
    message: `${provider} ${operation} failed unexpectedly`,
    retryable: true,
  });
}

/** Turns a settled fan-out slot into a batch slot: ProviderError kept, other errors wrapped. */
export function toBatchSlot<T>(
  provider: ProviderName,
  operation: string,
  value: T | null | Error,
): T | null | ProviderError {
  return value instanceof Error ? asProviderError(provider, operation, value) : value;
}
