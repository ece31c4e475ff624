import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** A local date string (i.e., with no associated timezone) in `YYYY-MM-DD` format, e.g. `2020-01-01`. */
  LocalDate: { input: string; output: string; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** A VPN account at one of the providers. */
export type Account = Node & {
  __typename?: 'Account';
  /** Lifecycle operations this account's provider supports (hide the other buttons). */
  capabilities: Array<AccountOperation>;
  /** When the account was closed. */
  closedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the vendor last confirmed each group of fields (status, expiry, plan, bandwidth, customer link). `syncedAt` is the oldest of those the answer shows. */
  confirmedAt: AccountConfirmations;
  /** VPN client configuration files for a server (admin only: WireGuard files contain the private key). */
  connectionConfigs: Array<ConnectionConfig>;
  /** When the account was opened. */
  createdAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The customer the account belongs to. */
  customer?: Maybe<Customer>;
  /** Where the state shown came from: the mirror or a live read. */
  dataSource: DataSource;
  /** When the service ends (null: no end date / auto-renewal). */
  expiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** WLVPN account group. */
  groupId?: Maybe<Scalars['String']['output']>;
  /** What happened to this account, newest first. */
  history: AccountEventConnection;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Reseller metadata stored with the account (WLVPN). Null for scoped credentials. */
  metadata?: Maybe<Scalars['JSONObject']['output']>;
  /** The provider's own id for the account (numeric id, or the username where it has none). */
  nativeId: Scalars['String']['output'];
  /** The plan, package or subscription type the account is on. */
  plan?: Maybe<Plan>;
  /** Current, pending and spent plans (WLVPN). */
  plans?: Maybe<Array<AccountPlan>>;
  /** The project of the account's customer (VPNresellers). */
  project?: Maybe<Project>;
  /** Provider holding the account. */
  provider: Provider;
  /** The provider's raw status value, verbatim (e.g. "Enabled:February 26, 2024"). Null for scoped credentials (customer portals, sub-resellers). */
  providerStatus?: Maybe<Scalars['String']['output']>;
  /** Servers this account can connect to (its provider's servers). */
  servers: Array<Server>;
  /** Provider-neutral status. */
  status: AccountStatus;
  /** When the vendor last confirmed the state shown: the oldest confirmation of the field groups the answer selects (all of them when it selects none; see `confirmedAt`). For a live read: when it answered. Never later than the answer; null when no read has confirmed it. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Bandwidth throttled right now (null: the provider does not say). */
  throttled?: Maybe<Scalars['Boolean']['output']>;
  /** When the provider last changed the account. */
  updatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Usage over a date range (default: the 30 days ending yesterday). Null when the provider does not report usage. */
  usage?: Maybe<UsageReport>;
  /** VPN username. */
  username: Scalars['String']['output'];
  /** WireGuard details, where the provider has them. */
  wireguard?: Maybe<WireGuardInfo>;
};


/** A VPN account at one of the providers. */
export type AccountConnectionConfigsArgs = {
  serverId: Scalars['ID']['input'];
};


/** A VPN account at one of the providers. */
export type AccountHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A VPN account at one of the providers. */
export type AccountServersArgs = {
  countryCode?: InputMaybe<Scalars['String']['input']>;
};


/** A VPN account at one of the providers. */
export type AccountUsageArgs = {
  from?: InputMaybe<Scalars['LocalDate']['input']>;
  to?: InputMaybe<Scalars['LocalDate']['input']>;
};

/** When the vendor last confirmed each group of an account's fields (null: never). A read that cannot see a group (WLVPN's account list has no plan nor plan-based expiry) leaves that group's time as it was; `Account.syncedAt` is the oldest of the groups the answer shows. */
export type AccountConfirmations = {
  __typename?: 'AccountConfirmations';
  /** `throttled` and the "cap reached" status (bandwidth state; WLVPN tells it with every read). */
  bandwidth?: Maybe<Scalars['DateTimeISO']['output']>;
  /** `customer` and `project`: the account's links, confirmed by a walk of the vendor's customer lists (VPNresellers: each sync, or the request itself when the link is older than its `maxAge` / LINKS_MAX_AGE_MS), a create here or a link made here. */
  customer?: Maybe<Scalars['DateTimeISO']['output']>;
  /** `expiresAt`. */
  expiry?: Maybe<Scalars['DateTimeISO']['output']>;
  /** `plan`, `plans`, `metadata`. */
  plan?: Maybe<Scalars['DateTimeISO']['output']>;
  /** `status`, `providerStatus`, `closedAt`. */
  status?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** A page of accounts spanning providers. */
export type AccountConnection = {
  __typename?: 'AccountConnection';
  /** The edges of this page. */
  edges: Array<AccountEdge>;
  /** Providers that could not contribute to this page (their accounts are missing from it). */
  failures: Array<ProviderFailure>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<Account>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a Account connection. */
export type AccountEdge = {
  __typename?: 'AccountEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The Account. */
  node: Account;
};

/** One entry of account history: a change, drift found by a sync, or a notice. */
export type AccountEvent = Node & {
  __typename?: 'AccountEvent';
  /** Global id of the account. */
  accountId?: Maybe<Scalars['ID']['output']>;
  /** Who: API key name or JWT subject, `sync`, `bulk:<operation id>`, `reconciler`. */
  actor: Scalars['String']['output'];
  /** State after; null for deletions and passwords. */
  after?: Maybe<Scalars['JSONObject']['output']>;
  /** When it was recorded. */
  at: Scalars['DateTimeISO']['output'];
  /** State before (status, expiresAt, planCode, …) as last known; null when unknown. */
  before?: Maybe<Scalars['JSONObject']['output']>;
  /** Details of the kind (thresholdDays, operation, bulk counts, …). */
  data: Scalars['JSONObject']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** What happened. */
  kind: AccountEventKind;
  /** The provider's own id of the account. */
  nativeId?: Maybe<Scalars['String']['output']>;
  /** Provider of the account. */
  provider?: Maybe<Provider>;
  /** Username at the time. */
  username?: Maybe<Scalars['String']['output']>;
};

/** A page of account events, newest first. */
export type AccountEventConnection = {
  __typename?: 'AccountEventConnection';
  /** The edges of this page. */
  edges: Array<AccountEventEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<AccountEvent>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a AccountEvent connection. */
export type AccountEventEdge = {
  __typename?: 'AccountEventEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The AccountEvent. */
  node: AccountEvent;
};

/** Which events to list. */
export type AccountEventFilter = {
  /** One account. */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** Any of these kinds. */
  kinds?: InputMaybe<Array<AccountEventKind>>;
  /** Any of these providers. */
  providers?: InputMaybe<Array<Provider>>;
  /** Recorded at or after this instant. */
  since?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** What an event records (also what a webhook endpoint subscribes to). */
export type AccountEventKind =
  /** Closed through this API (kept at the vendor). */
  | 'ACCOUNT_CLOSED'
  /** An account was created through this API. */
  | 'ACCOUNT_CREATED'
  /** Deleted at the vendor through this API. */
  | 'ACCOUNT_DELETED'
  /** An account moved to another provider (written on the source and on the target; see accountMoves). */
  | 'ACCOUNT_MOVED'
  /** Another change through this API (anonymise, bandwidth limit, sessions). */
  | 'ACCOUNT_UPDATED'
  /** The account reached its bandwidth cap (once per expiry date). */
  | 'BANDWIDTH_CAPPED'
  /** A bulk operation finished (webhooks only; about no single account). */
  | 'BULK_OPERATION_FINISHED'
  /** A sync found status or expiry changed outside this API. */
  | 'CHANGED_AT_VENDOR'
  /** The account expires within one of EXPIRY_NOTICE_DAYS (once per threshold). */
  | 'EXPIRING_SOON'
  /** Renewed, extended or expired through this API. */
  | 'EXPIRY_CHANGED'
  /** A sync found the account no longer exists at the vendor. */
  | 'GONE_AT_VENDOR'
  /** A sync found an account made outside this API (adopted). */
  | 'ORPHAN_AT_VENDOR'
  /** Password changed through this API (the password is never recorded). */
  | 'PASSWORD_CHANGED'
  /** Plan changed through this API. */
  | 'PLAN_CHANGED'
  /** Enabled, disabled or reopened through this API. */
  | 'STATUS_CHANGED';

/** Narrows the accounts connection. All given conditions must hold. */
export type AccountFilter = {
  /** Only accounts of this customer. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Only accounts expiring at or after this instant (mirror). */
  expiresAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only accounts expiring strictly before this instant (mirror; accounts without expiry never match). */
  expiresBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only accounts of this project (VPNresellers). */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Only these providers (default: all). */
  providers?: InputMaybe<Array<Provider>>;
  /** Only usernames containing this text, case-insensitive (mirror; at most 60 characters). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only accounts whose mirrored state is older than this instant or was never confirmed (mirror). */
  staleBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only accounts in one of these statuses. */
  statuses?: InputMaybe<Array<AccountStatus>>;
  /** Only usernames starting with this text (case-sensitive). */
  usernamePrefix?: InputMaybe<Scalars['String']['input']>;
};

/** An account moved from one provider to another, on the background worker. */
export type AccountMove = Node & {
  __typename?: 'AccountMove';
  /** Who asked for it. */
  actor: Scalars['String']['output'];
  /** Tries of the current step that may pass later. */
  attempts: Scalars['Int']['output'];
  /** The time carried over, with the rounding. */
  carryOver?: Maybe<MoveCarryOver>;
  /** Asked for. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Ended (COMPLETED, FAILED or NEEDS_ATTENTION). */
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Provider of the source. */
  fromProvider: Provider;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The source username was kept at the target. */
  keepUsername: Scalars['Boolean']['output'];
  /** Why it failed or needs attention. */
  lastError?: Maybe<UserError>;
  /** The target password was handed out (takeAccountMovePassword answers it once). */
  passwordHandedOut: Scalars['Boolean']['output'];
  /** The plan asked for (null: the shortest that covers). */
  planCode?: Maybe<Scalars['String']['output']>;
  /** The source account (null once deleted). */
  source?: Maybe<Account>;
  /** The account moved. */
  sourceAccountId: Scalars['ID']['output'];
  /** What is done to the source. */
  sourceAction: MoveSourceAction;
  /** Username of the source. */
  sourceUsername: Scalars['String']['output'];
  /** Where it stands. */
  status: AccountMoveStatus;
  /** The steps run so far, in order. */
  steps: Array<AccountMoveStep>;
  /** The target account, once created. */
  target?: Maybe<Account>;
  /** The new account, once created. */
  targetAccountId?: Maybe<Scalars['ID']['output']>;
  /** Username of the target, once created. */
  targetUsername?: Maybe<Scalars['String']['output']>;
  /** Provider of the target. */
  toProvider: Provider;
  /** Last change. */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** Account moves, newest first. */
export type AccountMoveConnection = {
  __typename?: 'AccountMoveConnection';
  /** The edges of this page. */
  edges: Array<AccountMoveEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<AccountMove>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a AccountMove connection. */
export type AccountMoveEdge = {
  __typename?: 'AccountMoveEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The AccountMove. */
  node: AccountMove;
};

/** Which moves to list. */
export type AccountMoveFilter = {
  /** Only moves of this account (as source or target). */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** Only moves from this provider. */
  fromProvider?: InputMaybe<Provider>;
  /** Only these states (e.g. NEEDS_ATTENTION). */
  statuses?: InputMaybe<Array<AccountMoveStatus>>;
  /** Only moves to this provider. */
  toProvider?: InputMaybe<Provider>;
};

/** Result of takeAccountMovePassword. */
export type AccountMovePasswordPayload = {
  __typename?: 'AccountMovePasswordPayload';
  /** The move. */
  accountMove?: Maybe<AccountMove>;
  /** The target account password: answered once, never stored (a fresh one set at the target). */
  password?: Maybe<Scalars['String']['output']>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** Result of moveAccount / retryAccountMove. */
export type AccountMovePayload = {
  __typename?: 'AccountMovePayload';
  /** The move (poll it with `node(id)` or `accountMove`). */
  accountMove?: Maybe<AccountMove>;
  /** Problems; empty on success (nothing is queued when not empty). */
  userErrors: Array<UserError>;
};

/** An account move. */
export type AccountMoveRefInput = {
  /** Account move id. */
  id: Scalars['ID']['input'];
};

/** Where an account move stands. */
export type AccountMoveStatus =
  /** The target account holds the service and the customer link; the source is retired. */
  | 'COMPLETED'
  /** Stopped before any account was created (the source is untouched); see `lastError`. */
  | 'FAILED'
  /** A step could not finish after MOVE_MAX_ATTEMPTS tries: a create whose outcome is unknown (see unresolvedIntents), or a source that could not be retired (the target is kept). An operator resumes it with retryAccountMove. */
  | 'NEEDS_ATTENTION'
  /** Recorded; waiting for the background worker. */
  | 'QUEUED'
  /** A worker runs its steps (a step may be waiting to be tried again: see `steps`). */
  | 'RUNNING';

/** One step of an account move. */
export type AccountMoveStep = {
  __typename?: 'AccountMoveStep';
  /** Tries so far. */
  attempts: Scalars['Int']['output'];
  /** Error code of the last failed try. */
  code?: Maybe<Scalars['String']['output']>;
  /** When it ended. */
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** What happened (the last failure, or the result). */
  message?: Maybe<Scalars['String']['output']>;
  /** Which step. */
  name: AccountMoveStepName;
  /** When it first started. */
  startedAt: Scalars['DateTimeISO']['output'];
  /** Where it stands. */
  status: AccountMoveStepStatus;
};

/** The steps of a move, in order. */
export type AccountMoveStepName =
  /** The target account created (write-ahead intent, key derived from the move). */
  | 'CREATE'
  /** Directory links, history and the ACCOUNT_MOVED event, in one transaction. */
  | 'REPOINT'
  /** The source closed, disabled or deleted (MOVE_SOURCE_ACTION). */
  | 'RETIRE'
  /** The source read at its vendor; the time to carry over computed. */
  | 'VALIDATE';

/** Where one step stands. */
export type AccountMoveStepStatus =
  /** Not done; see `code` and `message`. */
  | 'FAILED'
  /** It failed in a way that may pass; tried again after a pause. */
  | 'RETRYING'
  /** Under way. */
  | 'RUNNING'
  /** Done. */
  | 'SUCCEEDED';

/** A lifecycle operation; `Account.capabilities` lists those its provider supports. */
export type AccountOperation =
  /** Close the account and erase its username and metadata (WLVPN). */
  | 'ANONYMISE'
  /** Set a new VPN password. */
  | 'CHANGE_PASSWORD'
  /** Move the account to another plan, package or subscription type. */
  | 'CHANGE_PLAN'
  /** Close the account and keep its record. */
  | 'CLOSE'
  /** Create an account. */
  | 'CREATE'
  /** Delete the account at the provider for good. */
  | 'DELETE'
  /** Suspend an account without deleting it. */
  | 'DISABLE'
  /** Enable a disabled account. */
  | 'ENABLE'
  /** End the service now or at a given date. */
  | 'EXPIRE'
  /** Move the expiry to a given date. */
  | 'EXTEND'
  /** Add a number of days to the subscription. */
  | 'RENEW'
  /** Reopen a closed account. */
  | 'REOPEN'
  /** Delete every auth token of the account (WLVPN). */
  | 'REVOKE_SESSIONS'
  /** Apply or remove a bandwidth rate limit (WLVPN). */
  | 'SET_BANDWIDTH_LIMIT';

/** Order of the mirror-served accounts connection. */
export type AccountOrder = {
  /** Direction (default ASC). */
  direction?: SortDirection;
  /** Sort key. */
  field: AccountOrderField;
};

/** What the mirror-served accounts connection is sorted by (ties: provider, then native id). */
export type AccountOrderField =
  /** When the account was opened (else when this API first knew it). */
  | 'CREATED_AT'
  /** Expiry; accounts without one sort after every date when ascending. */
  | 'EXPIRES_AT'
  /** Provider. */
  | 'PROVIDER'
  /** Provider-neutral status. */
  | 'STATUS'
  /** When the vendor last confirmed the state; never-confirmed accounts first ascending. */
  | 'SYNCED_AT'
  /** VPN username (byte order). */
  | 'USERNAME';

/** Result of an account mutation. */
export type AccountPayload = {
  __typename?: 'AccountPayload';
  /** The account after the change (null on failure or deletion). */
  account?: Maybe<Account>;
  /** Id of the account deleted at the provider, when the mutation deleted it. */
  deletedAccountId?: Maybe<Scalars['ID']['output']>;
  /** True when this is the stored outcome of an earlier request with the same idempotency key. */
  replayed: Scalars['Boolean']['output'];
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** A plan in an account's history (WLVPN plans_info). */
export type AccountPlan = {
  __typename?: 'AccountPlan';
  /** Allowance in bytes (bandwidth plans). */
  bytesMax?: Maybe<Scalars['SafeInt']['output']>;
  /** Bytes used so far (bandwidth plans). */
  bytesUsed?: Maybe<Scalars['SafeInt']['output']>;
  /** When the plan ends or ended. */
  expiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Plan name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Plan code (null for manual or initial freemium allowances). */
  planCode?: Maybe<Scalars['String']['output']>;
  /** True when the plan was revoked. */
  revoked: Scalars['Boolean']['output'];
  /** When the plan starts or started. */
  startsAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** CURRENT, PENDING or SPENT. */
  state: Scalars['String']['output'];
  /** True for unlimited (time-based) plans. */
  unlimited: Scalars['Boolean']['output'];
};

/** Identifies the account to act on. */
export type AccountRefInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** Provider-neutral account status. The vendor value is in `Account.providerStatus`. */
export type AccountStatus =
  /** The account can connect. */
  | 'ACTIVE'
  /** The bandwidth allowance is used up (WLVPN "cap reached"). */
  | 'BANDWIDTH_CAPPED'
  /** Closed (WLVPN); can be reopened where the provider allows it. */
  | 'CLOSED'
  /** Suspended by the reseller; can be enabled again. */
  | 'DISABLED'
  /** The paid period is over. */
  | 'EXPIRED'
  /** The provider answered a status this graph does not know. */
  | 'UNKNOWN';

/** Result of a mutation that sets a VPN password. */
export type AccountWithPasswordPayload = {
  __typename?: 'AccountWithPasswordPayload';
  /** The account after the change (null on failure or deletion). */
  account?: Maybe<Account>;
  /** Id of the account deleted at the provider, when the mutation deleted it. */
  deletedAccountId?: Maybe<Scalars['ID']['output']>;
  /** The VPN password, shown this once and never stored (null on replay or failure). */
  password?: Maybe<Scalars['String']['output']>;
  /** True when this is the stored outcome of an earlier request with the same idempotency key. */
  replayed: Scalars['Boolean']['output'];
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** An API key kept in the store (only its hash; the secret is never shown again). */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** Created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Last request made with it, to within a minute; null when never used. */
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Unique name; the key acts as `key:<name>` (journal, quota). */
  name: Scalars['String']['output'];
  /** Revoked (refused from then on); null while active. */
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Role. */
  role: ApiKeyRole;
  /** Scope of a CUSTOMER / RESELLER key; null for a global role (or a stored scope that no longer parses: such a key is refused). */
  scope?: Maybe<ApiKeyScope>;
};

/** A page of API keys, oldest first. */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** The edges of this page. */
  edges: Array<ApiKeyEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<ApiKey>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a ApiKey connection. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The ApiKey. */
  node: ApiKey;
};

/** What an API key may do: a global role, or a scoped one (customer portal, sub-reseller). */
export type ApiKeyRole =
  /** Everything, including webhooks and API keys. */
  | 'ADMIN'
  /** One end customer's accounts (its portal); needs a scope naming that customer. */
  | 'CUSTOMER'
  /** Reads everything and runs account mutations. */
  | 'OPERATOR'
  /** Reads everything. */
  | 'READER'
  /** A sub-reseller: the accounts of the customers and/or projects its scope names. */
  | 'RESELLER';

/** What a scoped key reaches (the same claims a scoped JWT carries). */
export type ApiKeyScope = {
  __typename?: 'ApiKeyScope';
  /** Customer ids (a CUSTOMER key: exactly one). */
  customerIds: Array<Scalars['ID']['output']>;
  /** Account operations it may run (the defaults applied when none were named). */
  ops: Array<AccountOperation>;
  /** Project ids (RESELLER keys only). */
  projectIds: Array<Scalars['ID']['output']>;
  /** Accounts a sub-reseller may have open; null: no quota. */
  quota?: Maybe<Scalars['Int']['output']>;
};

/** The scope of a CUSTOMER or RESELLER key (the claims of a scoped JWT; see docs/keys.md). */
export type ApiKeyScopeInput = {
  /** Customer ids (a CUSTOMER key: exactly one). */
  customerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Account operations allowed; omitted: the default of the role (customers: CHANGE_PASSWORD, RENEW, EXTEND). */
  ops?: InputMaybe<Array<AccountOperation>>;
  /** Project ids (RESELLER keys only). */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Accounts a sub-reseller may have open (RESELLER only). */
  quota?: InputMaybe<Scalars['Int']['input']>;
};

/** What a bulk operation does to each account (the same path as the single mutation). */
export type BulkAction =
  /** `args.password`, or a fresh random one per account that is never shown. */
  | 'CHANGE_PASSWORD'
  /** changeAccountPlan to `args.planCode`. */
  | 'CHANGE_PLAN'
  /** closeAccount (delete where the provider only deletes). */
  | 'CLOSE'
  /** disableAccount. */
  | 'DISABLE'
  /** enableAccount. */
  | 'ENABLE'
  /** expireAccount (now, or at `args.date`). */
  | 'EXPIRE'
  /** extendAccount to `args.date`. */
  | 'EXTEND'
  /** moveAccount to `args.toProvider` (optional `args.planCode`, `args.keepUsername`): one AccountMove per account, under a key derived from the operation and the item (a resumed operation never starts a second move). Operators, and sub-resellers within their scope and quota. */
  | 'MOVE'
  /** renewAccount by `args.periodDays` (one idempotency key per item). */
  | 'RENEW';

/** Arguments of a bulk action. */
export type BulkActionArgs = {
  /** EXTEND: new expiry; EXPIRE: when. */
  date?: InputMaybe<Scalars['LocalDate']['input']>;
  /** MOVE: keep each username at the target. */
  keepUsername?: InputMaybe<Scalars['Boolean']['input']>;
  /** CHANGE_PASSWORD: the new password for every account. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** RENEW: days. */
  periodDays?: InputMaybe<Scalars['Int']['input']>;
  /** CHANGE_PLAN (and RENEW where plans renew; MOVE: the target plan). */
  planCode?: InputMaybe<Scalars['String']['input']>;
  /** MOVE: the provider every account moves to. */
  toProvider?: InputMaybe<Provider>;
};

/** One account of a bulk operation. */
export type BulkItem = {
  __typename?: 'BulkItem';
  /** The account id as given. */
  accountId: Scalars['ID']['output'];
  /** Vendor write attempts (1 normally). */
  attempts: Scalars['Int']['output'];
  /** Position in the selection (0-based). */
  index: Scalars['Int']['output'];
  /** Provider (null for ids that name no account). */
  provider?: Maybe<Provider>;
  /** State. */
  status: BulkItemStatus;
  /** Why it failed or was skipped. */
  userErrors: Array<UserError>;
};

/** A page of bulk items, in order. */
export type BulkItemConnection = {
  __typename?: 'BulkItemConnection';
  /** The edges of this page. */
  edges: Array<BulkItemEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<BulkItem>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a BulkItem connection. */
export type BulkItemEdge = {
  __typename?: 'BulkItemEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The BulkItem. */
  node: BulkItem;
};

/** Where one item of a bulk operation stands. */
export type BulkItemStatus =
  /** The operation was cancelled before this item started. */
  | 'CANCELLED'
  /** Its vendor write is under way. */
  | 'CLAIMED'
  /** Not done; see userErrors. */
  | 'FAILED'
  /** Not started. */
  | 'PENDING'
  /** The provider cannot do this (UNSUPPORTED_BY_PROVIDER). */
  | 'SKIPPED'
  /** Done. */
  | 'SUCCEEDED';

/** Many accounts changed by one request, on the background worker. */
export type BulkOperation = Node & {
  __typename?: 'BulkOperation';
  /** What is done to each account. */
  action: BulkAction;
  /** Who started it. */
  actor: Scalars['String']['output'];
  /** Arguments of the action (a password is never shown). */
  args: Scalars['JSONObject']['output'];
  /** Items cancelled before they started. */
  cancelled: Scalars['Int']['output'];
  /** Created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Items not done (see their userErrors). */
  failed: Scalars['Int']['output'];
  /** Finished. */
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Items in selection order. */
  items: BulkItemConnection;
  /** Settled items / total (0 to 1). */
  progress: Scalars['Float']['output'];
  /** Items the provider cannot do. */
  skipped: Scalars['Int']['output'];
  /** First picked up by a worker. */
  startedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** State. */
  status: BulkOperationStatus;
  /** Items done. */
  succeeded: Scalars['Int']['output'];
  /** Items selected. */
  total: Scalars['Int']['output'];
};


/** Many accounts changed by one request, on the background worker. */
export type BulkOperationItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  statuses?: InputMaybe<Array<BulkItemStatus>>;
};

/** Result of startBulkAccountOperation / cancelBulkOperation. */
export type BulkOperationPayload = {
  __typename?: 'BulkOperationPayload';
  /** The operation. */
  bulkOperation?: Maybe<BulkOperation>;
  /** Problems; empty on success (nothing is queued when not empty). */
  userErrors: Array<UserError>;
};

/** A bulk operation. */
export type BulkOperationRefInput = {
  /** Bulk operation id. */
  id: Scalars['ID']['input'];
};

/** Where a bulk operation stands. */
export type BulkOperationStatus =
  /** Stopped on request; items not started are CANCELLED. */
  | 'CANCELLED'
  /** Every item settled (see the counts for how). */
  | 'COMPLETED'
  /** The run itself failed (not one item); items settled so far stay settled. */
  | 'FAILED'
  /** Waiting for the background worker. */
  | 'QUEUED'
  /** Items are being worked. */
  | 'RUNNING';

/** Accounts of the directory to select (instead of accountIds). */
export type BulkSelectionFilter = {
  /** Only these providers. */
  providers?: InputMaybe<Array<Provider>>;
  /** Only these last-known statuses. */
  statuses?: InputMaybe<Array<AccountStatus>>;
  /** Only usernames starting with this. */
  usernamePrefix?: InputMaybe<Scalars['String']['input']>;
};

/** Set a new VPN password. */
export type ChangeAccountPasswordInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** New password; generated (and returned once) when omitted. */
  password?: InputMaybe<Scalars['String']['input']>;
};

/** Move an account to another plan. */
export type ChangeAccountPlanInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Plan code (see `plans(provider)`). */
  planCode: Scalars['String']['input'];
};

/** A ready-to-use VPN client configuration file. */
export type ConnectionConfig = {
  __typename?: 'ConnectionConfig';
  /** File content. Contains credentials for WireGuard (private key): admin only. */
  content: Scalars['String']['output'];
  /** Suggested file name, e.g. "TH-123.ovpn" or "wg0.conf". */
  fileName: Scalars['String']['output'];
  /** OPENVPN or WIREGUARD. */
  kind: Scalars['String']['output'];
};

/** Create a VPN account at a provider. */
export type CreateAccountInput = {
  /** Customer to link (a VPNresellers customer, or one kept by this API). */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** WLVPN account group id. */
  groupId?: InputMaybe<Scalars['String']['input']>;
  /** Replays the first outcome for 24 h; the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** WLVPN metadata (at most 5 string keys). */
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  /** VPNresellers: create the customer with the account. */
  newCustomer?: InputMaybe<NewProviderCustomerInput>;
  /** VPN password; generated when omitted. Returned once in the payload. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Days of service (PureWL, PureVPN). */
  periodDays?: InputMaybe<Scalars['Int']['input']>;
  /** Plan code (WLVPN plan, PureVPN package, PureWL subscription type). */
  planCode?: InputMaybe<Scalars['String']['input']>;
  /** Provider to create the account at. */
  provider: Provider;
  /** VPN username (PureVPN picks its own; WLVPN/VPNresellers: generated when omitted). */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** A new API key. */
export type CreateApiKeyInput = {
  /** Unique name (1-100 characters: letters, digits, space and . _ : @ -). */
  name: Scalars['String']['input'];
  /** Role. */
  role: ApiKeyRole;
  /** Required for CUSTOMER / RESELLER; none for global roles. */
  scope?: InputMaybe<ApiKeyScopeInput>;
};

/** Result of `createApiKey`. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The key. */
  apiKey?: Maybe<ApiKey>;
  /** The secret to send as `X-Api-Key`, shown this once: store it now; only its hash is kept. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** Create a customer. */
export type CreateCustomerInput = {
  /** Email address. */
  email: Scalars['String']['input'];
  /** Your own reference for the customer. */
  externalRef?: InputMaybe<Scalars['String']['input']>;
  /** First name. */
  firstName: Scalars['String']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Last name. */
  lastName: Scalars['String']['input'];
  /** Project id (required for VPNresellers). */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** VPNRESELLERS to create it there; omit to keep it in this API (links accounts of any provider). */
  provider?: InputMaybe<Provider>;
};

/** A new webhook endpoint. */
export type CreateWebhookEndpointInput = {
  /** What it is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Event kinds to post. */
  events: Array<AccountEventKind>;
  /** http(s) URL; private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE. */
  url: Scalars['String']['input'];
};

/** An end customer of the reseller: a VPNresellers customer, or a customer kept by this API (provider null) that links accounts of any provider (its id is also the PureWL uuid). */
export type Customer = Node & {
  __typename?: 'Customer';
  /** Accounts of this customer. */
  accounts: AccountConnection;
  /** Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read. */
  dataSource: DataSource;
  /** Email address. */
  email?: Maybe<Scalars['String']['output']>;
  /** Reseller's own reference for the customer. */
  externalRef?: Maybe<Scalars['String']['output']>;
  /** First name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** First and last name joined. */
  fullName?: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** The customer's project (VPNresellers). */
  project?: Maybe<Project>;
  /** Provider holding the customer; null when kept by this API. */
  provider?: Maybe<Provider>;
  /** When the vendor last confirmed what is shown (a live read: when it answered; a customer kept by this API: this read). Null when unknown. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};


/** An end customer of the reseller: a VPNresellers customer, or a customer kept by this API (provider null) that links accounts of any provider (its id is also the PureWL uuid). */
export type CustomerAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of customers. */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /** The edges of this page. */
  edges: Array<CustomerEdge>;
  /** Providers that could not contribute to this page (read from the store as old as it is, or missing). */
  failures: Array<ProviderFailure>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<Customer>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a Customer connection. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The Customer. */
  node: Customer;
};

/** Result of a customer mutation. */
export type CustomerPayload = {
  __typename?: 'CustomerPayload';
  /** The customer after the change. */
  customer?: Maybe<Customer>;
  /** Id of the deleted customer. */
  deletedCustomerId?: Maybe<Scalars['ID']['output']>;
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** Identifies a customer. */
export type CustomerRefInput = {
  /** Customer id. */
  customerId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** Where the state in this answer came from (an account, customer, project or usage report). */
export type DataSource =
  /** A vendor read made for this request (or just before it, by a write). */
  | 'LIVE'
  /** This API's mirror: the state the vendor last confirmed at `syncedAt` (no vendor call). */
  | 'MIRROR';

/** Result of deleteWebhookEndpoint. */
export type DeleteWebhookEndpointPayload = {
  __typename?: 'DeleteWebhookEndpointPayload';
  /** Id of the deleted endpoint. */
  deletedEndpointId?: Maybe<Scalars['ID']['output']>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** Stable error codes, used in `extensions.code` and in `userErrors.code`. */
export type ErrorCode =
  /** The request conflicts with the current state (or with an idempotency key). */
  | 'CONFLICT'
  /** This credential is scoped (customer portal, sub-reseller) and may not do this. */
  | 'FORBIDDEN'
  /** The prepaid reseller balance cannot pay for this. */
  | 'INSUFFICIENT_BALANCE'
  /** A list answered from the mirror lacks part of one provider's accounts (warming up, vendor failure, or the request's vendor-call budget); the provider is in `failures` and the answer is not cached. */
  | 'MIRROR_INCOMPLETE'
  /** The entity does not exist (or is not visible to this reseller). */
  | 'NOT_FOUND'
  /** The provider may or may not have done the write; retry with the same idempotency key to find out (the message names the intent). */
  | 'OUTCOME_UNKNOWN'
  /** The sub-reseller's quota of open accounts is used up; nothing was sent to the provider. */
  | 'QUOTA_EXCEEDED'
  /** The provider is rate limiting; retry later. */
  | 'RATE_LIMITED'
  /** The provider refused this API's credentials. */
  | 'UNAUTHENTICATED_UPSTREAM'
  /** The provider cannot do this operation. */
  | 'UNSUPPORTED_BY_PROVIDER'
  /** The provider did not answer in time. */
  | 'UPSTREAM_TIMEOUT'
  /** The provider failed or could not be reached. */
  | 'UPSTREAM_UNAVAILABLE'
  /** The input breaks a rule of this API or of the provider. */
  | 'VALIDATION';

/** End an account's service now or on a date. */
export type ExpireAccountInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Day the service ends (default: today). */
  on?: InputMaybe<Scalars['LocalDate']['input']>;
};

/** Move an account's expiry to a date. */
export type ExtendAccountInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** New last day of service (YYYY-MM-DD). */
  expiresOn: Scalars['LocalDate']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** An operator's verdict on a write nobody could settle. */
export type IntentOutcome =
  /** The vendor did it: what it made enters the directory, the key replays it. */
  | 'APPLIED'
  /** The vendor did not: the key may run the write again. */
  | 'NOT_APPLIED';

/** Link an account to a customer kept by this API. */
export type LinkAccountInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Customer id; null removes the link. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** Move an account to another provider. */
export type MoveAccountInput = {
  /** The account to move. */
  accountId: Scalars['ID']['input'];
  /** Asking again with the same key answers the same move. */
  idempotencyKey: Scalars['String']['input'];
  /** Keep the username (refused when the target cannot). */
  keepUsername?: InputMaybe<Scalars['Boolean']['input']>;
  /** Target plan (WLVPN plan code, PureVPN package, PureWL subscription type); default: the shortest that covers the remaining time. */
  planCode?: InputMaybe<Scalars['String']['input']>;
  /** The provider to move it to. */
  toProvider: Provider;
};

/** The service time a move carries over, and how it was rounded to the target. */
export type MoveCarryOver = {
  __typename?: 'MoveCarryOver';
  /** How the target sells time, e.g. "PureVPN periods of 30, 60, 90, 180, 365 days". */
  granularity: Scalars['String']['output'];
  /** The period the create sends (null: a plan decides). */
  periodDays?: Maybe<Scalars['Int']['output']>;
  /** The plan code the create sends. */
  planCode?: Maybe<Scalars['String']['output']>;
  /** Days left on the source (a started day counts whole). */
  remainingDays: Scalars['Int']['output'];
  /** targetDays − remainingDays: the rounding to what the target sells. */
  roundedUpDays: Scalars['Int']['output'];
  /** The source's expiry when the move was computed. */
  sourceExpiresAt: Scalars['DateTimeISO']['output'];
  /** Days bought at the target (never fewer than remainingDays). */
  targetDays: Scalars['Int']['output'];
  /** The target's expiry as its vendor answered the create. */
  targetExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** What a move does to the source account (MOVE_SOURCE_ACTION). */
export type MoveSourceAction =
  /** Closed where the vendor closes (WLVPN), deleted where it only deletes. */
  | 'CLOSE'
  /** Deleted where the vendor deletes, closed where it cannot. */
  | 'DELETE'
  /** Disabled (kept, and counted against a quota). */
  | 'DISABLE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Accept the vendor's state of an orphan or a change into the directory and mirror. An entry already settled answers as is; a GONE_AT_VENDOR entry cannot be adopted (forget it). */
  adoptSyncIssue: SyncIssuePayload;
  /** Close the account and erase its username and metadata (WLVPN). Cannot be undone. */
  anonymiseAccount: AccountPayload;
  /** Stops a bulk operation; items not started are CANCELLED. */
  cancelBulkOperation: BulkOperationPayload;
  /** Set a new VPN password (generated when omitted, returned once). */
  changeAccountPassword: AccountWithPasswordPayload;
  /** Move the account to another plan / package / subscription type. */
  changeAccountPlan: AccountPayload;
  /** Terminate: close where the provider closes (WLVPN), delete where it deletes. */
  closeAccount: AccountPayload;
  /** Create a VPN account. Idempotent with `idempotencyKey`. */
  createAccount: AccountWithPasswordPayload;
  /** Creates an API key; answers its secret this once (only a hash is kept). A taken name: CONFLICT. */
  createApiKey: CreateApiKeyPayload;
  /** Create a customer at VPNresellers, or keep one in this API. */
  createCustomer: CustomerPayload;
  /** Create a VPNresellers project. */
  createProject: ProjectPayload;
  /** Adds a webhook endpoint; answers its signing secret once. */
  createWebhookEndpoint: WebhookEndpointSecretPayload;
  /** Delete the account at the provider for good. */
  deleteAccount: AccountPayload;
  /** Delete a customer (refused while it has accounts). */
  deleteCustomer: CustomerPayload;
  /** Delete a project (refused while it has customers). */
  deleteProject: ProjectPayload;
  /** Removes a webhook endpoint (pending deliveries fail). */
  deleteWebhookEndpoint: DeleteWebhookEndpointPayload;
  /** Suspend an account without deleting it. */
  disableAccount: AccountPayload;
  /** Enable a disabled account. */
  enableAccount: AccountPayload;
  /** End the service today or on a date. */
  expireAccount: AccountPayload;
  /** Move the expiry to a date. */
  extendAccount: AccountPayload;
  /** GONE_AT_VENDOR: remove the account from the directory. Other kinds: acknowledge (nothing changes). An entry already settled answers as is. */
  forgetSyncIssue: SyncIssuePayload;
  /** Link an account (any provider) to a customer kept by this API, or unlink it. */
  linkAccountToCustomer: AccountPayload;
  /** Moves an account to another provider on the background worker: create at the target with the time left (rounded up to what the target sells), retire the source, re-point the customer. Poll the move (`node(id)`) until COMPLETED, FAILED or NEEDS_ATTENTION. */
  moveAccount: AccountMovePayload;
  /** Sends a delivery again now (same webhook-id). */
  redeliverWebhook: RedeliverWebhookPayload;
  /** Add days to the subscription. Idempotent with `idempotencyKey`. */
  renewAccount: AccountPayload;
  /** Reopen a closed account (WLVPN). */
  reopenAccount: AccountPayload;
  /** Operators: runs a NEEDS_ATTENTION move again from its step. */
  retryAccountMove: AccountMovePayload;
  /** Delete every auth token of the account, signing out its apps (WLVPN). */
  revokeAccountSessions: AccountPayload;
  /** Revokes an API key: the next request with it is refused, on every replica. Revoking twice changes nothing. */
  revokeApiKey: RevokeApiKeyPayload;
  /** Replaces the signing secret; answers the new one once (the old one stops signing at once). */
  rotateWebhookEndpointSecret: WebhookEndpointSecretPayload;
  /** Apply or remove a bandwidth rate limit (WLVPN). */
  setAccountBandwidthLimit: AccountPayload;
  /** Settle an unresolved intent by hand: APPLIED registers what the write made (the key then replays it), NOT_APPLIED lets the key run the write again. Journaled under your name. */
  settleIntent: SettleIntentPayload;
  /** Queues one action over many accounts (at most 10,000); watch it with `bulkOperation` or the BULK_OPERATION_FINISHED webhook. */
  startBulkAccountOperation: BulkOperationPayload;
  /** Sync one provider now, through the job queue. While a run of that provider is going, answers that run (`started: false`) rather than starting a second. */
  syncProvider: SyncProviderPayload;
  /** The moved account's password, once: a fresh one is set at the target and answered to the first caller. */
  takeAccountMovePassword: AccountMovePasswordPayload;
  /** Change a customer's name or email. */
  updateCustomer: CustomerPayload;
  /** Change a project. */
  updateProject: ProjectPayload;
  /** Changes a webhook endpoint. */
  updateWebhookEndpoint: WebhookEndpointPayload;
};


export type MutationAdoptSyncIssueArgs = {
  input: SyncIssueRefInput;
};


export type MutationAnonymiseAccountArgs = {
  input: AccountRefInput;
};


export type MutationCancelBulkOperationArgs = {
  input: BulkOperationRefInput;
};


export type MutationChangeAccountPasswordArgs = {
  input: ChangeAccountPasswordInput;
};


export type MutationChangeAccountPlanArgs = {
  input: ChangeAccountPlanInput;
};


export type MutationCloseAccountArgs = {
  input: AccountRefInput;
};


export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreateProjectArgs = {
  input: ProjectInput;
};


export type MutationCreateWebhookEndpointArgs = {
  input: CreateWebhookEndpointInput;
};


export type MutationDeleteAccountArgs = {
  input: AccountRefInput;
};


export type MutationDeleteCustomerArgs = {
  input: CustomerRefInput;
};


export type MutationDeleteProjectArgs = {
  input: ProjectRefInput;
};


export type MutationDeleteWebhookEndpointArgs = {
  input: WebhookEndpointRefInput;
};


export type MutationDisableAccountArgs = {
  input: AccountRefInput;
};


export type MutationEnableAccountArgs = {
  input: AccountRefInput;
};


export type MutationExpireAccountArgs = {
  input: ExpireAccountInput;
};


export type MutationExtendAccountArgs = {
  input: ExtendAccountInput;
};


export type MutationForgetSyncIssueArgs = {
  input: SyncIssueRefInput;
};


export type MutationLinkAccountToCustomerArgs = {
  input: LinkAccountInput;
};


export type MutationMoveAccountArgs = {
  input: MoveAccountInput;
};


export type MutationRedeliverWebhookArgs = {
  input: RedeliverWebhookInput;
};


export type MutationRenewAccountArgs = {
  input: RenewAccountInput;
};


export type MutationReopenAccountArgs = {
  input: AccountRefInput;
};


export type MutationRetryAccountMoveArgs = {
  input: AccountMoveRefInput;
};


export type MutationRevokeAccountSessionsArgs = {
  input: AccountRefInput;
};


export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


export type MutationRotateWebhookEndpointSecretArgs = {
  input: WebhookEndpointRefInput;
};


export type MutationSetAccountBandwidthLimitArgs = {
  input: SetBandwidthLimitInput;
};


export type MutationSettleIntentArgs = {
  input: SettleIntentInput;
};


export type MutationStartBulkAccountOperationArgs = {
  input: StartBulkAccountOperationInput;
};


export type MutationSyncProviderArgs = {
  input: SyncProviderInput;
};


export type MutationTakeAccountMovePasswordArgs = {
  input: AccountMoveRefInput;
};


export type MutationUpdateCustomerArgs = {
  input: UpdateCustomerInput;
};


export type MutationUpdateProjectArgs = {
  input: UpdateProjectInput;
};


export type MutationUpdateWebhookEndpointArgs = {
  input: UpdateWebhookEndpointInput;
};

/** A new customer created together with a VPNresellers account. */
export type NewProviderCustomerInput = {
  /** Email address. */
  email: Scalars['String']['input'];
  /** First name. */
  firstName: Scalars['String']['input'];
  /** Last name. */
  lastName: Scalars['String']['input'];
  /** Project id (VPNresellers). */
  projectId: Scalars['ID']['input'];
};

/** An object with a globally unique, opaque id (Relay). Fetch any of them with `node(id)`. */
export type Node = {
  /** Opaque global id. */
  id: Scalars['ID']['output'];
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more items follow the last edge. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when more items precede the first edge. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Something an account can be put on: a WLVPN plan, a PureVPN package × period, or a PureWL subscription type. */
export type Plan = Node & {
  __typename?: 'Plan';
  /** True for auto-renewing subscriptions. */
  autoRenewing: Scalars['Boolean']['output'];
  /** Allowance of a bandwidth-based plan, in bytes. */
  bandwidthBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Code to pass to createAccount / changeAccountPlan (the vendor's own code). */
  code: Scalars['String']['output'];
  /** Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read. */
  dataSource: DataSource;
  /** Short description. */
  description?: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Length of a time-based plan, in days. */
  intervalDays?: Maybe<Scalars['Int']['output']>;
  /** Time-based or bandwidth-based. */
  kind: PlanKind;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Display price in USD, e.g. "4.99", when the provider has one. */
  priceUsd?: Maybe<Scalars['String']['output']>;
  /** Provider offering the plan. */
  provider: Provider;
  /** Days after which a bandwidth allowance refills (0 = never). */
  refillingIntervalDays?: Maybe<Scalars['Int']['output']>;
  /** When the vendor last confirmed the provider's plan list this plan is part of (it is read whole; a live read: when it answered). Null when unknown. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** How a plan is limited. */
export type PlanKind =
  /** A traffic allowance in bytes. */
  | 'BANDWIDTH'
  /** Unlimited traffic for a period of days. */
  | 'TIME';

/** A VPNresellers project grouping customers. */
export type Project = Node & {
  __typename?: 'Project';
  /** Accounts of this project's customers. */
  accounts: AccountConnection;
  /** Customers in this project: from the store when its provider's whole customer list was read within the request's `maxAge`, else live; a failing provider is in `failures`. */
  customers: CustomerConnection;
  /** Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read. */
  dataSource: DataSource;
  /** Project description. */
  description?: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Project name. */
  name: Scalars['String']['output'];
  /** Provider holding the project. */
  provider: Provider;
  /** When the vendor last confirmed what is shown (a live read: when it answered; a customer kept by this API: this read). Null when unknown. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};


/** A VPNresellers project grouping customers. */
export type ProjectAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A VPNresellers project grouping customers. */
export type ProjectCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of projects. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The edges of this page. */
  edges: Array<ProjectEdge>;
  /** Providers that could not contribute to this page (read from the store as old as it is, or missing). */
  failures: Array<ProviderFailure>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<Project>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a Project connection. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The Project. */
  node: Project;
};

/** Create or change a VPNresellers project. */
export type ProjectInput = {
  /** Project description. */
  description: Scalars['String']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Project name. */
  name: Scalars['String']['input'];
};

/** Result of a project mutation. */
export type ProjectPayload = {
  __typename?: 'ProjectPayload';
  /** Id of the deleted project. */
  deletedProjectId?: Maybe<Scalars['ID']['output']>;
  /** The project after the change. */
  project?: Maybe<Project>;
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** Identifies a project. */
export type ProjectRefInput = {
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Project id. */
  projectId: Scalars['ID']['input'];
};

/** A white-label VPN reseller API behind this graph. */
export type Provider =
  /** Legacy PureVPN reseller API v1.0 (XML). */
  | 'PUREVPN'
  /** PureWL (PureVPN White Label), VPN Account Management API v2. */
  | 'PUREWL'
  /** VPNresellers API v4.1. */
  | 'VPNRESELLERS'
  /** WLVPN (White Label VPN) API v2. */
  | 'WLVPN';

/** A provider that could not contribute to a list. The rest of the list is still returned; the same failure is also reported in the response `errors` with this path and `extensions.code`. */
export type ProviderFailure = {
  __typename?: 'ProviderFailure';
  /** Stable error code. */
  code: ErrorCode;
  /** What went wrong, safe to show. */
  message: Scalars['String']['output'];
  /** The provider that failed. */
  provider: Provider;
  /** True when retrying later may succeed. */
  retryable: Scalars['Boolean']['output'];
};

/** What a provider can serve on the read side. */
export type ProviderFeaturesInfo = {
  __typename?: 'ProviderFeaturesInfo';
  /** Reports usage for many accounts in one call. */
  bulkUsage: Scalars['Boolean']['output'];
  /** Serves VPN client configuration files. */
  connectionConfigs: Scalars['Boolean']['output'];
  /** Has customers. */
  customers: Scalars['Boolean']['output'];
  /** The provider lists accounts itself (else this API lists those it knows). */
  listAccounts: Scalars['Boolean']['output'];
  /** Has plans. */
  plans: Scalars['Boolean']['output'];
  /** Has projects. */
  projects: Scalars['Boolean']['output'];
  /** Has a server list. */
  servers: Scalars['Boolean']['output'];
  /** Reports usage. */
  usage: Scalars['Boolean']['output'];
};

/** Health of a provider as seen from this API. */
export type ProviderHealthInfo = {
  __typename?: 'ProviderHealthInfo';
  /** Circuit breaker state: closed (normal), open (failing fast), half-open (probing). */
  breaker: Scalars['String']['output'];
  /** What went wrong, when not ok. */
  message?: Maybe<Scalars['String']['output']>;
  /** True when the provider answered a cheap call just now. */
  ok: Scalars['Boolean']['output'];
};

/** A provider behind this graph and how it is wired. */
export type ProviderInfo = {
  __typename?: 'ProviderInfo';
  /** Lifecycle operations this provider supports. */
  capabilities: Array<AccountOperation>;
  /** True when real credentials are configured (false: running against the sandbox emulator). */
  configured: Scalars['Boolean']['output'];
  /** Read-side features. */
  features: ProviderFeaturesInfo;
  /** Checked live (one cheap upstream call) when selected. */
  health: ProviderHealthInfo;
  /** Stable id (the provider's name), so client caches normalise it. */
  id: Scalars['ID']['output'];
  /** Provider. */
  name: Provider;
  /** True when this provider is served by its in-process sandbox emulator. */
  sandbox: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One account by id; null when it does not exist. */
  account?: Maybe<Account>;
  /** One account by provider and VPN username; null when it does not exist. */
  accountByUsername?: Maybe<Account>;
  /** Account events across providers, newest first. */
  accountEvents: AccountEventConnection;
  /** An account move by id (also `node(id)`). */
  accountMove?: Maybe<AccountMove>;
  /** Account moves, newest first (operators: `statuses: [NEEDS_ATTENTION]` lists what needs them). */
  accountMoves: AccountMoveConnection;
  /** Accounts across all providers as one Relay connection. Served by the mirror (SQL keyset pages, exact `totalCount`) when `orderBy` or a mirror-only condition (`expiresBefore`, `expiresAfter`, `search`, `staleBefore`) is given, when the cursor is a mirror cursor, or when every provider in scope is mirrored younger than `maxAge`; rows older than `maxAge` are then read live (one batch per provider) before the answer, and a provider the mirror does not wholly hold is listed live or reported as MIRROR_INCOMPLETE (in `failures`, answer not cached). Scoped credentials always get this engine, their scope as a condition. Otherwise read live: position in each provider's own list, then provider (PUREWL, VPNRESELLERS, WLVPN, PUREVPN), interleaved. Cursors of one kind are refused by the other. A failing provider is skipped, listed in `failures` and reported in `errors`. */
  accounts?: Maybe<AccountConnection>;
  /** API keys kept in the store, oldest first, revoked ones too (admin). Never a secret. */
  apiKeys: ApiKeyConnection;
  /** A bulk operation by id. */
  bulkOperation?: Maybe<BulkOperation>;
  /** One customer by id; null when it does not exist. */
  customer?: Maybe<Customer>;
  /** Customers of one provider (VPNresellers has customers), or, without `provider`, the customers kept by this API. A provider's customers come from the store when its whole list was read within `maxAge` (a sync, or a request that read it whole), else live (and written back); a failing provider is in `failures`. */
  customers?: Maybe<CustomerConnection>;
  /** Any object by its global id; null when it does not exist. */
  node?: Maybe<Node>;
  /** Many objects by global id (at most 100), batched per provider. */
  nodes?: Maybe<Array<Maybe<Node>>>;
  /** Plans a provider offers (cached for CATALOG_CACHE_TTL_MS, and no older than `maxAge`); null with an error when it cannot say. */
  plans?: Maybe<Array<Plan>>;
  /** One project by id; null when it does not exist. */
  project?: Maybe<Project>;
  /** Projects of a provider (VPNresellers has projects); without `provider`, of every provider that has projects. A provider's projects come from the store when its whole list was read within `maxAge`, else live (and written back); a failing provider is in `failures`. */
  projects?: Maybe<ProjectConnection>;
  /** The four providers, their mode, capabilities and health. */
  providers?: Maybe<Array<ProviderInfo>>;
  /** Servers of every provider (cached, and no older than `maxAge`). A failing provider's servers are missing and reported in `errors`. */
  servers?: Maybe<Array<Server>>;
  /** One drift entry by id; null when it does not exist. */
  syncIssue?: Maybe<SyncIssue>;
  /** Drift found by syncs, newest first (open entries unless `includeResolved`). The drift report has a fourth list: writes whose outcome nobody could settle are in `unresolvedIntents`. */
  syncIssues: SyncIssueConnection;
  /** One sync run by id; null when it does not exist. */
  syncRun?: Maybe<SyncRun>;
  /** Sync runs, newest first (scheduled and on demand). */
  syncRuns: SyncRunConnection;
  /** Writes whose outcome nobody could settle (unknown, or pending with no live owner), oldest first: what an operator must look at (e.g. PureVPN creates whose answer was lost — PureVPN picks the username). */
  unresolvedIntents?: Maybe<WriteIntentConnection>;
  /** Usage of many accounts over one date range, batched per provider (WLVPN: one bulk call). One slot per id: null where the account has no usage in the range; null with an UNSUPPORTED_BY_PROVIDER error at that slot's path where its provider reports no usage at all. */
  usage?: Maybe<Array<Maybe<UsageReport>>>;
  /** Webhook deliveries, newest first (admin). */
  webhookDeliveries: WebhookDeliveryConnection;
  /** Webhook endpoints (admin). Secrets are never listed. */
  webhookEndpoints: Array<WebhookEndpoint>;
};


export type QueryAccountArgs = {
  id: Scalars['ID']['input'];
  maxAge?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAccountByUsernameArgs = {
  provider: Provider;
  username: Scalars['String']['input'];
};


export type QueryAccountEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountEventFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryAccountMoveArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAccountMovesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountMoveFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<AccountOrder>;
};


export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryBulkOperationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  provider?: InputMaybe<Provider>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
  maxAge?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPlansArgs = {
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  provider: Provider;
};


export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
  provider?: InputMaybe<Provider>;
};


export type QueryServersArgs = {
  filter?: InputMaybe<ServerFilter>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySyncIssueArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySyncIssuesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SyncIssueFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySyncRunArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySyncRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  provider?: InputMaybe<Provider>;
};


export type QueryUnresolvedIntentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryUsageArgs = {
  accountIds: Array<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['LocalDate']['input']>;
  to?: InputMaybe<Scalars['LocalDate']['input']>;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  endpointId?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  states?: InputMaybe<Array<WebhookDeliveryState>>;
};

/** A delivery to send again. */
export type RedeliverWebhookInput = {
  /** Delivery id. */
  deliveryId: Scalars['ID']['input'];
};

/** Result of redeliverWebhook. */
export type RedeliverWebhookPayload = {
  __typename?: 'RedeliverWebhookPayload';
  /** The delivery, due now. */
  delivery?: Maybe<WebhookDelivery>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** Add days to an account's subscription. */
export type RenewAccountInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Days to add (PureVPN: 30, 60, 90, 180 or 365). */
  periodDays: Scalars['Int']['input'];
  /** New package/plan at renewal, where the provider allows it. */
  planCode?: InputMaybe<Scalars['String']['input']>;
};

/** An API key to revoke. */
export type RevokeApiKeyInput = {
  /** API key id. */
  id: Scalars['ID']['input'];
};

/** Result of `revokeApiKey`. */
export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  /** The key, revoked. */
  apiKey?: Maybe<ApiKey>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** A VPN server or location accounts can connect to. */
export type Server = Node & {
  __typename?: 'Server';
  /** City. */
  city?: Maybe<Scalars['String']['output']>;
  /** Country name. */
  country?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code. */
  countryCode?: Maybe<Scalars['String']['output']>;
  /** Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read. */
  dataSource: DataSource;
  /** Host name (FQDN) when the provider gives one. */
  hostname?: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** IP address when the provider gives one. */
  ip?: Maybe<Scalars['String']['output']>;
  /** Current load, 0 (idle) to 100 (full), when reported. */
  load?: Maybe<Scalars['Int']['output']>;
  /** Protocols / ports offered (e.g. "udp/1194", "wireguard"). */
  protocols: Array<Scalars['String']['output']>;
  /** Provider operating the server. */
  provider: Provider;
  /** When the vendor last confirmed the provider's server list this server is part of (it is read whole; a live read: when it answered). Null when unknown. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** Narrows the server list. */
export type ServerFilter = {
  /** Only these countries (ISO 3166-1 alpha-2). */
  countryCodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only these providers (default: all). */
  providers?: InputMaybe<Array<Provider>>;
};

/** Apply or remove a bandwidth limit (WLVPN). */
export type SetBandwidthLimitInput = {
  /** Account id. */
  accountId: Scalars['ID']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Kilobytes per second; null removes every limitation. */
  kilobytesPerSecond?: InputMaybe<Scalars['Int']['input']>;
};

/** Settle an unresolved write-ahead intent by hand (after looking at the vendor). */
export type SettleIntentInput = {
  /** The intent (as named by an OUTCOME_UNKNOWN error or `unresolvedIntents`). */
  intentId: Scalars['ID']['input'];
  /** APPLIED creates: the vendor's id of the account it made, when the intent has no username. */
  nativeId?: InputMaybe<Scalars['String']['input']>;
  /** What the vendor shows. */
  outcome: IntentOutcome;
};

/** Result of settleIntent. */
export type SettleIntentPayload = {
  __typename?: 'SettleIntentPayload';
  /** The intent as it now stands. */
  intent?: Maybe<WriteIntent>;
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** Sort direction. */
export type SortDirection =
  /** Ascending. */
  | 'ASC'
  /** Descending. */
  | 'DESC';

/** A bulk account operation. */
export type StartBulkAccountOperationInput = {
  /** Accounts (at most 10,000); or give `filter`. */
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** What to do. */
  action: BulkAction;
  /** Arguments of the action. */
  args?: InputMaybe<BulkActionArgs>;
  /** Select accounts of the directory instead. */
  filter?: InputMaybe<BulkSelectionFilter>;
  /** Asking again with the same key answers the same operation. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Account events as they are recorded (from now on; the `accountEvents` query has the past). Same filter as the query (`since` is ignored). A scoped credential (customer, reseller) receives the events of its own accounts only. */
  accountEvents: AccountEvent;
  /** A bulk operation as it progresses: its state at once, then after every change (counts, status), completing once it is COMPLETED, FAILED or CANCELLED. Operators (a sub-reseller: the MOVE operations of its scope), like `bulkOperation`. */
  bulkOperationUpdated: BulkOperation;
  /** A sync run as it progresses: its state at once, then after every change, completing once it SUCCEEDED or FAILED. Unscoped operators only, like `syncRun`. */
  syncRunUpdated: SyncRun;
};


export type SubscriptionAccountEventsArgs = {
  filter?: InputMaybe<AccountEventFilter>;
};


export type SubscriptionBulkOperationUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionSyncRunUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** Drift found by a sync: an account that differs at the vendor. */
export type SyncIssue = Node & {
  __typename?: 'SyncIssue';
  /** The account as the graph reads it now; null when the vendor no longer has it. */
  account?: Maybe<Account>;
  /** What was seen: { before, after } for a change, the last-known status for a gone account, status and expiry for an orphan. */
  details: Scalars['JSONObject']['output'];
  /** When the drift was (last) seen. */
  detectedAt: Scalars['DateTimeISO']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** What drifted. */
  kind: SyncIssueKind;
  /** Provider of the account. */
  provider: Provider;
  /** How it was settled; null while open. */
  resolution?: Maybe<SyncIssueResolution>;
  /** When it was settled; null while open. */
  resolvedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Username of the account (its id when never known). */
  username: Scalars['String']['output'];
};

/** A page of drift entries, newest first. */
export type SyncIssueConnection = {
  __typename?: 'SyncIssueConnection';
  /** The edges of this page. */
  edges: Array<SyncIssueEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<SyncIssue>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a SyncIssue connection. */
export type SyncIssueEdge = {
  __typename?: 'SyncIssueEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The SyncIssue. */
  node: SyncIssue;
};

/** Which drift entries to list. */
export type SyncIssueFilter = {
  /** Also settled entries (default false: open ones only). */
  includeResolved?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only these kinds (default all). */
  kinds?: InputMaybe<Array<SyncIssueKind>>;
  /** Only these providers (default all). */
  providers?: InputMaybe<Array<Provider>>;
};

/** Drift between the directory/mirror and a vendor. Writes whose outcome is unknown are listed by `unresolvedIntents`. */
export type SyncIssueKind =
  /** Status or expiry changed at the vendor, not through this API. */
  | 'CHANGED_AT_VENDOR'
  /** The directory knows an account the vendor no longer has. */
  | 'GONE_AT_VENDOR'
  /** The vendor has an account the directory did not know (adopted at once). */
  | 'ORPHAN_AT_VENDOR';

/** Result of `adoptSyncIssue` / `forgetSyncIssue`. */
export type SyncIssuePayload = {
  __typename?: 'SyncIssuePayload';
  /** The entry after the change. */
  issue?: Maybe<SyncIssue>;
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** Identifies a drift entry. */
export type SyncIssueRefInput = {
  /** SyncIssue id. */
  id: Scalars['ID']['input'];
};

/** How a drift entry was settled. */
export type SyncIssueResolution =
  /** Seen by an operator; nothing changed. */
  | 'ACKNOWLEDGED'
  /** The vendor's state was accepted into the directory and mirror. */
  | 'ADOPTED'
  /** The account gone at the vendor was removed from the directory. */
  | 'FORGOTTEN';

/** How a provider is synced. */
export type SyncMode =
  /** The vendor's whole account list is read (providers with a list call). */
  | 'FULL'
  /** The stalest accounts of the directory are read, within SYNC_RATE_<PROVIDER> calls per minute. */
  | 'REFRESH';

/** Start a sync of one provider. */
export type SyncProviderInput = {
  /** Provider to sync. */
  provider: Provider;
};

/** Result of `syncProvider`. */
export type SyncProviderPayload = {
  __typename?: 'SyncProviderPayload';
  /** The run started, or the one already going for that provider (there is never a second). */
  run?: Maybe<SyncRun>;
  /** True when this call started the run; false when it answers the running one. */
  started: Scalars['Boolean']['output'];
  /** What went wrong; empty on success. */
  userErrors: Array<UserError>;
};

/** One sync of a provider into the account mirror. */
export type SyncRun = Node & {
  __typename?: 'SyncRun';
  /** Accounts new to the directory (ORPHAN_AT_VENDOR). */
  added: Scalars['Int']['output'];
  /** Accounts whose status or expiry changed (CHANGED_AT_VENDOR). */
  changed: Scalars['Int']['output'];
  /** Why the run failed; null unless FAILED. */
  error?: Maybe<SyncRunError>;
  /** When it ended; null while running. */
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Accounts the vendor no longer has (GONE_AT_VENDOR). */
  gone: Scalars['Int']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Full list or budgeted refresh. */
  mode: SyncMode;
  /** Provider synced. */
  provider: Provider;
  /** Accounts the vendor told about. */
  seen: Scalars['Int']['output'];
  /** When the run was started (or queued). */
  startedAt: Scalars['DateTimeISO']['output'];
  /** Where the run stands. */
  status: SyncStatus;
  /** Vendor calls the run made (list pages, batch reads, status reads). */
  vendorCalls: Scalars['Int']['output'];
};

/** A page of sync runs, newest first. */
export type SyncRunConnection = {
  __typename?: 'SyncRunConnection';
  /** The edges of this page. */
  edges: Array<SyncRunEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<SyncRun>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a SyncRun connection. */
export type SyncRunEdge = {
  __typename?: 'SyncRunEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The SyncRun. */
  node: SyncRun;
};

/** Why a sync run failed. */
export type SyncRunError = {
  __typename?: 'SyncRunError';
  /** Stable code: an error code (e.g. UPSTREAM_UNAVAILABLE), ABANDONED (the worker stopped), NOT_QUEUED or INTERNAL. */
  code: Scalars['String']['output'];
  /** Human-readable message, safe to show to an operator. */
  message: Scalars['String']['output'];
};

/** Where a sync run stands. */
export type SyncStatus =
  /** Stopped with an error (see `error`); the mirror keeps what it had. */
  | 'FAILED'
  /** Queued or running (at most one per provider). */
  | 'RUNNING'
  /** Finished; the mirror holds what the vendor said. */
  | 'SUCCEEDED';

/** Change a customer. */
export type UpdateCustomerInput = {
  /** Customer id. */
  customerId: Scalars['ID']['input'];
  /** Email address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** First name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Last name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
};

/** Change a project. */
export type UpdateProjectInput = {
  /** Project description. */
  description: Scalars['String']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Project name. */
  name: Scalars['String']['input'];
  /** Project id. */
  projectId: Scalars['ID']['input'];
};

/** Changes to a webhook endpoint (omitted fields stay). */
export type UpdateWebhookEndpointInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Pause (false) or resume (true) deliveries. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** New event kinds. */
  events?: InputMaybe<Array<AccountEventKind>>;
  /** Endpoint id. */
  id: Scalars['ID']['input'];
  /** New URL. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** One usage datapoint (WLVPN metric). */
export type UsageMetric = {
  __typename?: 'UsageMetric';
  /** Metric name, e.g. "bandwidth" or "connections". */
  name: Scalars['String']['output'];
  /** Metric namespace, e.g. "vpn". */
  namespace: Scalars['String']['output'];
  /** Unit, e.g. "Bytes" or "None". */
  unit: Scalars['String']['output'];
  /** Value over the period. */
  value: Scalars['Float']['output'];
};

/** Usage of one account over a date range (inclusive, UTC). */
export type UsageReport = {
  __typename?: 'UsageReport';
  /** Id of the account measured. */
  accountId: Scalars['ID']['output'];
  /** Bytes transferred, when measured. */
  bandwidthBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Number of VPN connections, when measured. */
  connections?: Maybe<Scalars['SafeInt']['output']>;
  /** Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read. */
  dataSource: DataSource;
  /** First day included. */
  from: Scalars['LocalDate']['output'];
  /** Stable id of this report (account and date range), so client caches normalise it instead of replacing it. */
  id: Scalars['ID']['output'];
  /** Every metric the provider reported. */
  metrics: Array<UsageMetric>;
  /** Provider that measured the usage. */
  provider: Provider;
  /** When the vendor last confirmed what is shown (a live read: when it answered; a customer kept by this API: this read). Null when unknown. */
  syncedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Last day included. */
  to: Scalars['LocalDate']['output'];
};

/** A problem with a mutation's input or with what the provider said about it. */
export type UserError = {
  __typename?: 'UserError';
  /** Stable machine-readable code. */
  code: ErrorCode;
  /** Path to the input field at fault, e.g. ["input", "password"]; null when not about one field. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** Human-readable message, safe to show to an operator. */
  message: Scalars['String']['output'];
};

/** One attempt of a delivery. */
export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  /** When it was made. */
  at: Scalars['DateTimeISO']['output'];
  /** How long it took (ms). */
  durationMs: Scalars['Int']['output'];
  /** Why it failed (no secret, no body). */
  error?: Maybe<Scalars['String']['output']>;
  /** When the next attempt was scheduled. */
  nextAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** HTTP status answered; null when no answer came. */
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** One event posted to one endpoint, at least once. */
export type WebhookDelivery = Node & {
  __typename?: 'WebhookDelivery';
  /** Every attempt, oldest first. */
  attemptLog: Array<WebhookAttempt>;
  /** Attempts made. */
  attempts: Scalars['Int']['output'];
  /** Created (with its event). */
  createdAt: Scalars['DateTimeISO']['output'];
  /** When a 2xx came. */
  deliveredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The endpoint. */
  endpointId: Scalars['ID']['output'];
  /** The AccountEvent posted. */
  eventId: Scalars['ID']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Duration of the last attempt (ms). */
  lastDurationMs?: Maybe<Scalars['Int']['output']>;
  /** Why the last attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** HTTP status of the last attempt. */
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due (PENDING). */
  nextAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** State. */
  state: WebhookDeliveryState;
  /** The `webhook-id` header of every attempt (receivers deduplicate on it). */
  webhookId: Scalars['String']['output'];
};

/** A page of webhook deliveries, newest first. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The edges of this page. */
  edges: Array<WebhookDeliveryEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<WebhookDelivery>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a WebhookDelivery connection. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The WebhookDelivery. */
  node: WebhookDelivery;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryState =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Retried for the whole retry window (WEBHOOK_RETRY_WINDOW_MS) without a 2xx; redeliver to try again. */
  | 'FAILED'
  /** Not delivered yet; `nextAttemptAt` says when it is tried (again). */
  | 'PENDING';

/** Where events are posted (Standard Webhooks, signed). */
export type WebhookEndpoint = Node & {
  __typename?: 'WebhookEndpoint';
  /** Created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** What it is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** False: nothing is posted (deliveries wait). */
  enabled: Scalars['Boolean']['output'];
  /** Event kinds posted to it. */
  events: Array<AccountEventKind>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Last changed (including secret rotation). */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Target URL (http or https; never followed through redirects). */
  url: Scalars['String']['output'];
};

/** Result of updateWebhookEndpoint. */
export type WebhookEndpointPayload = {
  __typename?: 'WebhookEndpointPayload';
  /** The endpoint. */
  endpoint?: Maybe<WebhookEndpoint>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** A webhook endpoint. */
export type WebhookEndpointRefInput = {
  /** Endpoint id. */
  id: Scalars['ID']['input'];
};

/** Result of createWebhookEndpoint / rotateWebhookEndpointSecret. */
export type WebhookEndpointSecretPayload = {
  __typename?: 'WebhookEndpointSecretPayload';
  /** The endpoint. */
  endpoint?: Maybe<WebhookEndpoint>;
  /** The signing secret (`whsec_…`), shown this once: store it now; it is never shown again. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Problems; empty on success. */
  userErrors: Array<UserError>;
};

/** WireGuard details of an account (VPNresellers). */
export type WireGuardInfo = {
  __typename?: 'WireGuardInfo';
  /** Tunnel IP address assigned to the account. */
  ip?: Maybe<Scalars['String']['output']>;
  /** WireGuard private key (admin only). */
  privateKey?: Maybe<Scalars['String']['output']>;
  /** Public key of the account. */
  publicKey?: Maybe<Scalars['String']['output']>;
};

/** A vendor write recorded before it was sent (create, renew), with what finds its result. */
export type WriteIntent = {
  __typename?: 'WriteIntent';
  /** Attempts so far (each owner or reconciliation pass counts one). */
  attempt: Scalars['Int']['output'];
  /** When the intent was recorded. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Intent id (named by OUTCOME_UNKNOWN errors). */
  id: Scalars['ID']['output'];
  /** Code of the last failure, when it is one of the stable codes. */
  lastError?: Maybe<ErrorCode>;
  /** Operation, e.g. "createAccount". */
  operation: Scalars['String']['output'];
  /** Provider the write went to. */
  provider: Provider;
  /** Current state. */
  state: WriteIntentState;
  /** Last change. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Username that finds the result; null when the vendor picks it and never said. */
  username?: Maybe<Scalars['String']['output']>;
};

/** A page of write-ahead intents. */
export type WriteIntentConnection = {
  __typename?: 'WriteIntentConnection';
  /** The edges of this page. */
  edges: Array<WriteIntentEdge>;
  /** The nodes of this page (shortcut for edges.node). */
  nodes: Array<WriteIntent>;
  /** Paging information. */
  pageInfo: PageInfo;
  /** Total items matching, when every source can tell. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An edge in a WriteIntent connection. */
export type WriteIntentEdge = {
  __typename?: 'WriteIntentEdge';
  /** Opaque cursor of this edge, for `after` / `before`. */
  cursor: Scalars['String']['output'];
  /** The WriteIntent. */
  node: WriteIntent;
};

/** Where a write-ahead intent stands. */
export type WriteIntentState =
  /** The vendor did not do it. */
  | 'FAILED'
  /** An owner holds (or held, when its lease ran out) the write. */
  | 'PENDING'
  /** The vendor did it. */
  | 'SUCCEEDED'
  /** Nobody could tell yet whether the vendor did it. */
  | 'UNKNOWN';

export type BackofficeAccountsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
}>;


export type BackofficeAccountsQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, failures: Array<{ __typename?: 'ProviderFailure', provider: Provider, code: ErrorCode }>, edges: Array<{ __typename?: 'AccountEdge', cursor: string, node: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } }> } | null };

export type AccountByUsernameQueryVariables = Exact<{
  provider: Provider;
  username: Scalars['String']['input'];
}>;


export type AccountByUsernameQuery = { __typename?: 'Query', accountByUsername?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null };

export type CustomersQueryVariables = Exact<{
  provider?: InputMaybe<Provider>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomersQuery = { __typename?: 'Query', customers?: { __typename?: 'CustomerConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Customer', id: string, provider?: Provider | null, fullName?: string | null, email?: string | null, project?: { __typename?: 'Project', id: string, name: string } | null }> } | null };

export type ProjectsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProjectsQuery = { __typename?: 'Query', projects?: { __typename?: 'ProjectConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'Project', id: string, name: string, description?: string | null, customers: { __typename?: 'CustomerConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'Customer', id: string, fullName?: string | null }> } }> } | null };

export type CatalogQueryVariables = Exact<{
  provider: Provider;
  countries?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type CatalogQuery = { __typename?: 'Query', plans?: Array<{ __typename?: 'Plan', id: string, code: string, name: string, kind: PlanKind, intervalDays?: number | null, bandwidthBytes?: number | null, priceUsd?: string | null }> | null, servers?: Array<{ __typename?: 'Server', id: string, hostname?: string | null, countryCode?: string | null, city?: string | null, load?: number | null, protocols: Array<string> }> | null };

export type UsageQueryVariables = Exact<{
  accountIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  from?: InputMaybe<Scalars['LocalDate']['input']>;
  to?: InputMaybe<Scalars['LocalDate']['input']>;
}>;


export type UsageQuery = { __typename?: 'Query', usage?: Array<{ __typename?: 'UsageReport', id: string, accountId: string, provider: Provider, from: string, to: string, bandwidthBytes?: number | null, connections?: number | null, metrics: Array<{ __typename?: 'UsageMetric', name: string, namespace: string, value: number, unit: string }> } | null> | null };

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { __typename?: 'Query', providers?: Array<{ __typename?: 'ProviderInfo', id: string, name: Provider, configured: boolean, sandbox: boolean, capabilities: Array<AccountOperation>, features: { __typename?: 'ProviderFeaturesInfo', listAccounts: boolean, customers: boolean, usage: boolean, bulkUsage: boolean }, health: { __typename?: 'ProviderHealthInfo', ok: boolean, breaker: string, message?: string | null } }> | null };

export type TrivialQueryVariables = Exact<{ [key: string]: never; }>;


export type TrivialQuery = { __typename: 'Query' };

export type AccountDashboardQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AccountDashboardQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, failures: Array<{ __typename?: 'ProviderFailure', provider: Provider, code: ErrorCode, message: string, retryable: boolean }>, edges: Array<{ __typename?: 'AccountEdge', cursor: string, node: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation>, customer?: { __typename?: 'Customer', id: string, fullName?: string | null, email?: string | null, project?: { __typename?: 'Project', id: string, name: string } | null } | null, plan?: { __typename?: 'Plan', id: string, code: string, name: string, kind: PlanKind } | null, usage?: { __typename?: 'UsageReport', id: string, from: string, to: string, bandwidthBytes?: number | null, connections?: number | null } | null } }> } | null };

export type AccountDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AccountDetailQuery = { __typename?: 'Query', account?: { __typename?: 'Account', groupId?: string | null, metadata?: Record<string, unknown> | null, id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation>, plans?: Array<{ __typename?: 'AccountPlan', planCode?: string | null, name?: string | null, state: string, expiresAt?: string | null, bytesUsed?: number | null, bytesMax?: number | null }> | null, wireguard?: { __typename?: 'WireGuardInfo', ip?: string | null, publicKey?: string | null } | null, servers: Array<{ __typename?: 'Server', id: string, hostname?: string | null, countryCode?: string | null, city?: string | null, load?: number | null }> } | null };

export type AccountOverviewQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AccountOverviewQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, failures: Array<{ __typename?: 'ProviderFailure', provider: Provider, code: ErrorCode }>, edges: Array<{ __typename?: 'AccountEdge', cursor: string, node: { __typename?: 'Account', id: string, provider: Provider, username: string, customer?: { __typename?: 'Customer', id: string, fullName?: string | null, project?: { __typename?: 'Project', id: string, name: string } | null } | null, plan?: { __typename?: 'Plan', id: string, code: string, name: string } | null, usage?: { __typename?: 'UsageReport', id: string, from: string, to: string, bandwidthBytes?: number | null } | null } }> } | null };

export type AccountHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AccountHistoryQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, history: { __typename?: 'AccountEventConnection', edges: Array<{ __typename?: 'AccountEventEdge', cursor: string, node: { __typename?: 'AccountEvent', id: string, at: string, kind: AccountEventKind, actor: string, before?: Record<string, unknown> | null, after?: Record<string, unknown> | null, data: Record<string, unknown> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type StartBulkAccountOperationMutationVariables = Exact<{
  input: StartBulkAccountOperationInput;
}>;


export type StartBulkAccountOperationMutation = { __typename?: 'Mutation', startBulkAccountOperation: { __typename?: 'BulkOperationPayload', bulkOperation?: { __typename?: 'BulkOperation', id: string, status: BulkOperationStatus, total: number } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type BulkOperationProgressQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type BulkOperationProgressQuery = { __typename?: 'Query', bulkOperation?: { __typename?: 'BulkOperation', id: string, status: BulkOperationStatus, total: number, succeeded: number, failed: number, skipped: number, progress: number } | null };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { __typename?: 'Mutation', createWebhookEndpoint: { __typename?: 'WebhookEndpointSecretPayload', secret?: string | null, endpoint?: { __typename?: 'WebhookEndpoint', id: string, url: string, events: Array<AccountEventKind> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type AccountSummaryFragment = { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> };

export type MutationErrorsFragment = { __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode };

export type ApiKeyFieldsFragment = { __typename?: 'ApiKey', id: string, name: string, role: ApiKeyRole, createdAt: string, revokedAt?: string | null, lastUsedAt?: string | null, scope?: { __typename?: 'ApiKeyScope', customerIds: Array<string>, projectIds: Array<string>, ops: Array<AccountOperation>, quota?: number | null } | null };

export type ApiKeysQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ApiKeysQuery = { __typename?: 'Query', apiKeys: { __typename?: 'ApiKeyConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ApiKeyEdge', cursor: string, node: { __typename?: 'ApiKey', id: string, name: string, role: ApiKeyRole, createdAt: string, revokedAt?: string | null, lastUsedAt?: string | null, scope?: { __typename?: 'ApiKeyScope', customerIds: Array<string>, projectIds: Array<string>, ops: Array<AccountOperation>, quota?: number | null } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreateApiKeyPayload', secret?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, name: string, role: ApiKeyRole, createdAt: string, revokedAt?: string | null, lastUsedAt?: string | null, scope?: { __typename?: 'ApiKeyScope', customerIds: Array<string>, projectIds: Array<string>, ops: Array<AccountOperation>, quota?: number | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { __typename?: 'Mutation', revokeApiKey: { __typename?: 'RevokeApiKeyPayload', apiKey?: { __typename?: 'ApiKey', id: string, name: string, role: ApiKeyRole, createdAt: string, revokedAt?: string | null, lastUsedAt?: string | null, scope?: { __typename?: 'ApiKeyScope', customerIds: Array<string>, projectIds: Array<string>, ops: Array<AccountOperation>, quota?: number | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type CreateAccountMutationVariables = Exact<{
  input: CreateAccountInput;
}>;


export type CreateAccountMutation = { __typename?: 'Mutation', createAccount: { __typename?: 'AccountWithPasswordPayload', password?: string | null, replayed: boolean, account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type EnableAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type EnableAccountMutation = { __typename?: 'Mutation', enableAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DisableAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type DisableAccountMutation = { __typename?: 'Mutation', disableAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type RenewAccountMutationVariables = Exact<{
  input: RenewAccountInput;
}>;


export type RenewAccountMutation = { __typename?: 'Mutation', renewAccount: { __typename?: 'AccountPayload', replayed: boolean, account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ExtendAccountMutationVariables = Exact<{
  input: ExtendAccountInput;
}>;


export type ExtendAccountMutation = { __typename?: 'Mutation', extendAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ExpireAccountMutationVariables = Exact<{
  input: ExpireAccountInput;
}>;


export type ExpireAccountMutation = { __typename?: 'Mutation', expireAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ChangeAccountPasswordMutationVariables = Exact<{
  input: ChangeAccountPasswordInput;
}>;


export type ChangeAccountPasswordMutation = { __typename?: 'Mutation', changeAccountPassword: { __typename?: 'AccountWithPasswordPayload', password?: string | null, account?: { __typename?: 'Account', id: string } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ChangeAccountPlanMutationVariables = Exact<{
  input: ChangeAccountPlanInput;
}>;


export type ChangeAccountPlanMutation = { __typename?: 'Mutation', changeAccountPlan: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation>, plan?: { __typename?: 'Plan', id: string, code: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type CloseAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type CloseAccountMutation = { __typename?: 'Mutation', closeAccount: { __typename?: 'AccountPayload', deletedAccountId?: string | null, account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DeleteAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type DeleteAccountMutation = { __typename?: 'Mutation', deleteAccount: { __typename?: 'AccountPayload', deletedAccountId?: string | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ReopenAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type ReopenAccountMutation = { __typename?: 'Mutation', reopenAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type AnonymiseAccountMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type AnonymiseAccountMutation = { __typename?: 'Mutation', anonymiseAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type SetAccountBandwidthLimitMutationVariables = Exact<{
  input: SetBandwidthLimitInput;
}>;


export type SetAccountBandwidthLimitMutation = { __typename?: 'Mutation', setAccountBandwidthLimit: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, nativeId: string, username: string, status: AccountStatus, providerStatus?: string | null, createdAt?: string | null, expiresAt?: string | null, closedAt?: string | null, throttled?: boolean | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type RevokeAccountSessionsMutationVariables = Exact<{
  input: AccountRefInput;
}>;


export type RevokeAccountSessionsMutation = { __typename?: 'Mutation', revokeAccountSessions: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type CreateCustomerMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CreateCustomerMutation = { __typename?: 'Mutation', createCustomer: { __typename?: 'CustomerPayload', customer?: { __typename?: 'Customer', id: string, provider?: Provider | null, fullName?: string | null, email?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DeleteCustomerMutationVariables = Exact<{
  input: CustomerRefInput;
}>;


export type DeleteCustomerMutation = { __typename?: 'Mutation', deleteCustomer: { __typename?: 'CustomerPayload', deletedCustomerId?: string | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type LinkAccountToCustomerMutationVariables = Exact<{
  input: LinkAccountInput;
}>;


export type LinkAccountToCustomerMutation = { __typename?: 'Mutation', linkAccountToCustomer: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, customer?: { __typename?: 'Customer', id: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type CreateProjectMutationVariables = Exact<{
  input: ProjectInput;
}>;


export type CreateProjectMutation = { __typename?: 'Mutation', createProject: { __typename?: 'ProjectPayload', project?: { __typename?: 'Project', id: string, name: string } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DeleteProjectMutationVariables = Exact<{
  input: ProjectRefInput;
}>;


export type DeleteProjectMutation = { __typename?: 'Mutation', deleteProject: { __typename?: 'ProjectPayload', deletedProjectId?: string | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ExpiringSoonQueryVariables = Exact<{
  expiresAfter: Scalars['DateTimeISO']['input'];
  expiresBefore: Scalars['DateTimeISO']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  maxAge?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ExpiringSoonQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'AccountEdge', cursor: string, node: { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, syncedAt?: string | null, dataSource: DataSource } }> } | null };

export type SyncRunFieldsFragment = { __typename?: 'SyncRun', id: string, provider: Provider, mode: SyncMode, status: SyncStatus, startedAt: string, finishedAt?: string | null, seen: number, added: number, changed: number, gone: number, vendorCalls: number, error?: { __typename?: 'SyncRunError', code: string, message: string } | null };

export type SyncIssueFieldsFragment = { __typename?: 'SyncIssue', id: string, kind: SyncIssueKind, provider: Provider, username: string, detectedAt: string, details: Record<string, unknown>, resolvedAt?: string | null, resolution?: SyncIssueResolution | null, account?: { __typename?: 'Account', id: string, status: AccountStatus } | null };

export type SyncProviderMutationVariables = Exact<{
  input: SyncProviderInput;
}>;


export type SyncProviderMutation = { __typename?: 'Mutation', syncProvider: { __typename?: 'SyncProviderPayload', started: boolean, run?: { __typename?: 'SyncRun', id: string, provider: Provider, mode: SyncMode, status: SyncStatus, startedAt: string, finishedAt?: string | null, seen: number, added: number, changed: number, gone: number, vendorCalls: number, error?: { __typename?: 'SyncRunError', code: string, message: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type SyncRunQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SyncRunQuery = { __typename?: 'Query', syncRun?: { __typename?: 'SyncRun', id: string, provider: Provider, mode: SyncMode, status: SyncStatus, startedAt: string, finishedAt?: string | null, seen: number, added: number, changed: number, gone: number, vendorCalls: number, error?: { __typename?: 'SyncRunError', code: string, message: string } | null } | null };

export type SyncRunsQueryVariables = Exact<{
  provider?: InputMaybe<Provider>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SyncRunsQuery = { __typename?: 'Query', syncRuns: { __typename?: 'SyncRunConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SyncRunEdge', cursor: string, node: { __typename?: 'SyncRun', id: string, provider: Provider, mode: SyncMode, status: SyncStatus, startedAt: string, finishedAt?: string | null, seen: number, added: number, changed: number, gone: number, vendorCalls: number, error?: { __typename?: 'SyncRunError', code: string, message: string } | null } }> } };

export type DriftReportQueryVariables = Exact<{
  filter?: InputMaybe<SyncIssueFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DriftReportQuery = { __typename?: 'Query', syncIssues: { __typename?: 'SyncIssueConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SyncIssueEdge', cursor: string, node: { __typename?: 'SyncIssue', id: string, kind: SyncIssueKind, provider: Provider, username: string, detectedAt: string, details: Record<string, unknown>, resolvedAt?: string | null, resolution?: SyncIssueResolution | null, account?: { __typename?: 'Account', id: string, status: AccountStatus } | null } }> }, unresolvedIntents?: { __typename?: 'WriteIntentConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'WriteIntent', id: string, provider: Provider, operation: string, state: WriteIntentState, username?: string | null, createdAt: string }> } | null };

export type AdoptSyncIssueMutationVariables = Exact<{
  input: SyncIssueRefInput;
}>;


export type AdoptSyncIssueMutation = { __typename?: 'Mutation', adoptSyncIssue: { __typename?: 'SyncIssuePayload', issue?: { __typename?: 'SyncIssue', id: string, kind: SyncIssueKind, provider: Provider, username: string, detectedAt: string, details: Record<string, unknown>, resolvedAt?: string | null, resolution?: SyncIssueResolution | null, account?: { __typename?: 'Account', id: string, status: AccountStatus } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ForgetSyncIssueMutationVariables = Exact<{
  input: SyncIssueRefInput;
}>;


export type ForgetSyncIssueMutation = { __typename?: 'Mutation', forgetSyncIssue: { __typename?: 'SyncIssuePayload', issue?: { __typename?: 'SyncIssue', id: string, kind: SyncIssueKind, provider: Provider, username: string, detectedAt: string, details: Record<string, unknown>, resolvedAt?: string | null, resolution?: SyncIssueResolution | null, account?: { __typename?: 'Account', id: string, status: AccountStatus } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export const AccountSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<AccountSummaryFragment, unknown>;
export const MutationErrorsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<MutationErrorsFragment, unknown>;
export const ApiKeyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectIds"}},{"kind":"Field","name":{"kind":"Name","value":"ops"}},{"kind":"Field","name":{"kind":"Name","value":"quota"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]} as unknown as DocumentNode<ApiKeyFieldsFragment, unknown>;
export const SyncRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seen"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"gone"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRunFieldsFragment, unknown>;
export const SyncIssueFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIssueFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SyncIssueFieldsFragment, unknown>;
export const BackofficeAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackofficeAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<BackofficeAccountsQuery, BackofficeAccountsQueryVariables>;
export const AccountByUsernameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountByUsername"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountByUsername"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<AccountByUsernameQuery, AccountByUsernameQueryVariables>;
export const CustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomersQuery, CustomersQueryVariables>;
export const ProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Projects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectsQuery, ProjectsQueryVariables>;
export const CatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countries"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"intervalDays"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}},{"kind":"Field","name":{"kind":"Name","value":"priceUsd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"servers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"provider"}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"countryCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countries"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"load"}},{"kind":"Field","name":{"kind":"Name","value":"protocols"}}]}}]}}]} as unknown as DocumentNode<CatalogQuery, CatalogQueryVariables>;
export const UsageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Usage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}},{"kind":"Field","name":{"kind":"Name","value":"connections"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]} as unknown as DocumentNode<UsageQuery, UsageQueryVariables>;
export const ProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"sandbox"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"features"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"customers"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"bulkUsage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"breaker"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const TrivialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Trivial"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]} as unknown as DocumentNode<TrivialQuery, TrivialQueryVariables>;
export const AccountDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxAge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}},{"kind":"Field","name":{"kind":"Name","value":"connections"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<AccountDashboardQuery, AccountDashboardQueryVariables>;
export const AccountDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}},{"kind":"Field","name":{"kind":"Name","value":"groupId"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"bytesUsed"}},{"kind":"Field","name":{"kind":"Name","value":"bytesMax"}}]}},{"kind":"Field","name":{"kind":"Name","value":"wireguard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}},{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"load"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<AccountDetailQuery, AccountDetailQueryVariables>;
export const AccountOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxAge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountOverviewQuery, AccountOverviewQueryVariables>;
export const AccountHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountHistoryQuery, AccountHistoryQueryVariables>;
export const StartBulkAccountOperationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartBulkAccountOperation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartBulkAccountOperationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startBulkAccountOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<StartBulkAccountOperationMutation, StartBulkAccountOperationMutationVariables>;
export const BulkOperationProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BulkOperationProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<BulkOperationProgressQuery, BulkOperationProgressQueryVariables>;
export const CreateWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const ApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiKeyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectIds"}},{"kind":"Field","name":{"kind":"Name","value":"ops"}},{"kind":"Field","name":{"kind":"Name","value":"quota"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]} as unknown as DocumentNode<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiKeyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectIds"}},{"kind":"Field","name":{"kind":"Name","value":"ops"}},{"kind":"Field","name":{"kind":"Name","value":"quota"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiKeyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiKeyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerIds"}},{"kind":"Field","name":{"kind":"Name","value":"projectIds"}},{"kind":"Field","name":{"kind":"Name","value":"ops"}},{"kind":"Field","name":{"kind":"Name","value":"quota"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const CreateAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateAccountMutation, CreateAccountMutationVariables>;
export const EnableAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<EnableAccountMutation, EnableAccountMutationVariables>;
export const DisableAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DisableAccountMutation, DisableAccountMutationVariables>;
export const RenewAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenewAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<RenewAccountMutation, RenewAccountMutationVariables>;
export const ExtendAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExtendAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtendAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extendAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ExtendAccountMutation, ExtendAccountMutationVariables>;
export const ExpireAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExpireAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExpireAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expireAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ExpireAccountMutation, ExpireAccountMutationVariables>;
export const ChangeAccountPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeAccountPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeAccountPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeAccountPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ChangeAccountPasswordMutation, ChangeAccountPasswordMutationVariables>;
export const ChangeAccountPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeAccountPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeAccountPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeAccountPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ChangeAccountPlanMutation, ChangeAccountPlanMutationVariables>;
export const CloseAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deletedAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CloseAccountMutation, CloseAccountMutationVariables>;
export const DeleteAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeleteAccountMutation, DeleteAccountMutationVariables>;
export const ReopenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReopenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reopenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ReopenAccountMutation, ReopenAccountMutationVariables>;
export const AnonymiseAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnonymiseAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"anonymiseAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AnonymiseAccountMutation, AnonymiseAccountMutationVariables>;
export const SetAccountBandwidthLimitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAccountBandwidthLimit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetBandwidthLimitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAccountBandwidthLimit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"throttled"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<SetAccountBandwidthLimitMutation, SetAccountBandwidthLimitMutationVariables>;
export const RevokeAccountSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeAccountSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAccountSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<RevokeAccountSessionsMutation, RevokeAccountSessionsMutationVariables>;
export const CreateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables>;
export const DeleteCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCustomerId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeleteCustomerMutation, DeleteCustomerMutationVariables>;
export const LinkAccountToCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkAccountToCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LinkAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkAccountToCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<LinkAccountToCustomerMutation, LinkAccountToCustomerMutationVariables>;
export const CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateProjectMutation, CreateProjectMutationVariables>;
export const DeleteProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedProjectId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeleteProjectMutation, DeleteProjectMutationVariables>;
export const ExpiringSoonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExpiringSoon"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresAfter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresBefore"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxAge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"expiresAfter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresAfter"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"expiresBefore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresBefore"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"EXPIRES_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dataSource"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExpiringSoonQuery, ExpiringSoonQueryVariables>;
export const SyncProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SyncProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"started"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seen"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"gone"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<SyncProviderMutation, SyncProviderMutationVariables>;
export const SyncRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seen"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"gone"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRunQuery, SyncRunQueryVariables>;
export const SyncRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seen"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"gone"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncRunsQuery, SyncRunsQueryVariables>;
export const DriftReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DriftReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssueFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncIssues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncIssueFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedIntents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIssueFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DriftReportQuery, DriftReportQueryVariables>;
export const AdoptSyncIssueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdoptSyncIssue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssueRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adoptSyncIssue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncIssueFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIssueFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdoptSyncIssueMutation, AdoptSyncIssueMutationVariables>;
export const ForgetSyncIssueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ForgetSyncIssue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssueRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forgetSyncIssue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncIssueFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrors"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncIssueFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrors"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ForgetSyncIssueMutation, ForgetSyncIssueMutationVariables>;