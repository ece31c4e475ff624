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

/** What a move does to the source account (MOVE_SOURCE_ACTION). */
export type MoveSourceAction =
  /** Closed where the vendor closes (WLVPN), deleted where it only deletes. */
  | 'CLOSE'
  /** Deleted where the vendor deletes, closed where it cannot. */
  | 'DELETE'
  /** Disabled (kept, and counted against a quota). */
  | 'DISABLE';

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

/** How a plan is limited. */
export type PlanKind =
  /** A traffic allowance in bytes. */
  | 'BANDWIDTH'
  /** Unlimited traffic for a period of days. */
  | 'TIME';

/** Create or change a VPNresellers project. */
export type ProjectInput = {
  /** Project description. */
  description: Scalars['String']['input'];
  /** Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Project name. */
  name: Scalars['String']['input'];
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

/** A delivery to send again. */
export type RedeliverWebhookInput = {
  /** Delivery id. */
  deliveryId: Scalars['ID']['input'];
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

/** Where a webhook delivery stands. */
export type WebhookDeliveryState =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Retried for the whole retry window (WEBHOOK_RETRY_WINDOW_MS) without a 2xx; redeliver to try again. */
  | 'FAILED'
  /** Not delivered yet; `nextAttemptAt` says when it is tried (again). */
  | 'PENDING';

/** A webhook endpoint. */
export type WebhookEndpointRefInput = {
  /** Endpoint id. */
  id: Scalars['ID']['input'];
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

export type PortalBandwidthQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  d0: Scalars['LocalDate']['input'];
  d1: Scalars['LocalDate']['input'];
  d2: Scalars['LocalDate']['input'];
  d3: Scalars['LocalDate']['input'];
  d4: Scalars['LocalDate']['input'];
  d5: Scalars['LocalDate']['input'];
  d6: Scalars['LocalDate']['input'];
  d7: Scalars['LocalDate']['input'];
  d8: Scalars['LocalDate']['input'];
  d9: Scalars['LocalDate']['input'];
  d10: Scalars['LocalDate']['input'];
  d11: Scalars['LocalDate']['input'];
  d12: Scalars['LocalDate']['input'];
  d13: Scalars['LocalDate']['input'];
  d14: Scalars['LocalDate']['input'];
  d15: Scalars['LocalDate']['input'];
  d16: Scalars['LocalDate']['input'];
  d17: Scalars['LocalDate']['input'];
  d18: Scalars['LocalDate']['input'];
  d19: Scalars['LocalDate']['input'];
  d20: Scalars['LocalDate']['input'];
  d21: Scalars['LocalDate']['input'];
  d22: Scalars['LocalDate']['input'];
  d23: Scalars['LocalDate']['input'];
  d24: Scalars['LocalDate']['input'];
  d25: Scalars['LocalDate']['input'];
  d26: Scalars['LocalDate']['input'];
  d27: Scalars['LocalDate']['input'];
  d28: Scalars['LocalDate']['input'];
  d29: Scalars['LocalDate']['input'];
}>;


export type PortalBandwidthQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, d0?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d1?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d2?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d3?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d4?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d5?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d6?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d7?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d8?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d9?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d10?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d11?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d12?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d13?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d14?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d15?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d16?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d17?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d18?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d19?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d20?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d21?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d22?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d23?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d24?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d25?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d26?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d27?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d28?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null, d29?: { __typename?: 'UsageReport', id: string, bandwidthBytes?: number | null } | null } | null };

export type PortalAccountFragment = { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, capabilities: Array<AccountOperation> };

export type PortalEventFragment = { __typename?: 'AccountEvent', id: string, at: string, kind: AccountEventKind, accountId?: string | null, before?: Record<string, unknown> | null, after?: Record<string, unknown> | null };

export type PortalAccountsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PortalAccountsQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', edges: Array<{ __typename?: 'AccountEdge', cursor: string, node: { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, capabilities: Array<AccountOperation> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null };

export type PortalAccountHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalAccountHistoryQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, capabilities: Array<AccountOperation>, history: { __typename?: 'AccountEventConnection', edges: Array<{ __typename?: 'AccountEventEdge', cursor: string, node: { __typename?: 'AccountEvent', id: string, at: string, kind: AccountEventKind, accountId?: string | null, before?: Record<string, unknown> | null, after?: Record<string, unknown> | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type PortalRenewMutationVariables = Exact<{
  input: RenewAccountInput;
}>;


export type PortalRenewMutation = { __typename?: 'Mutation', renewAccount: { __typename?: 'AccountPayload', account?: { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', code: ErrorCode, message: string, field?: Array<string> | null }> } };

export type PortalChangePasswordMutationVariables = Exact<{
  input: ChangeAccountPasswordInput;
}>;


export type PortalChangePasswordMutation = { __typename?: 'Mutation', changeAccountPassword: { __typename?: 'AccountWithPasswordPayload', password?: string | null, account?: { __typename?: 'Account', id: string, provider: Provider, username: string, status: AccountStatus, expiresAt?: string | null, capabilities: Array<AccountOperation> } | null, userErrors: Array<{ __typename?: 'UserError', code: ErrorCode, message: string, field?: Array<string> | null }> } };

export type PortalAccountEventsSubscriptionVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type PortalAccountEventsSubscription = { __typename?: 'Subscription', accountEvents: { __typename?: 'AccountEvent', id: string, at: string, kind: AccountEventKind, accountId?: string | null, before?: Record<string, unknown> | null, after?: Record<string, unknown> | null } };

export type PortalBulkProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PortalBulkProgressSubscription = { __typename?: 'Subscription', bulkOperationUpdated: { __typename?: 'BulkOperation', id: string, action: BulkAction, status: BulkOperationStatus, total: number, succeeded: number, failed: number, skipped: number, cancelled: number, progress: number } };

export const PortalAccountFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<PortalAccountFragment, unknown>;
export const PortalEventFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]} as unknown as DocumentNode<PortalEventFragment, unknown>;
export const PortalBandwidthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalBandwidth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d0"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d1"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d2"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d3"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d4"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d5"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d6"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d7"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d8"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d9"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d10"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d11"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d12"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d13"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d14"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d15"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d16"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d17"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d18"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d19"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d20"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d21"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d22"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d23"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d24"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d25"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d26"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d27"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d28"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"d29"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"d0"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d0"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d0"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d1"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d1"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d1"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d2"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d2"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d2"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d3"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d3"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d3"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d4"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d4"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d4"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d5"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d5"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d5"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d6"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d6"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d6"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d7"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d7"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d7"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d8"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d8"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d8"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d9"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d9"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d9"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d10"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d10"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d10"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d11"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d11"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d11"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d12"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d12"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d12"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d13"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d13"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d13"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d14"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d14"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d14"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d15"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d15"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d15"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d16"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d16"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d16"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d17"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d17"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d17"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d18"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d18"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d18"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d19"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d19"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d19"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d20"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d20"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d20"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d21"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d21"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d21"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d22"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d22"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d22"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d23"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d23"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d23"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d24"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d24"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d24"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d25"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d25"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d25"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d26"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d26"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d26"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d27"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d27"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d27"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d28"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d28"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d28"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d29"},"name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d29"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"d29"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}}]}}]}}]}}]} as unknown as DocumentNode<PortalBandwidthQuery, PortalBandwidthQueryVariables>;
export const PortalAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAccount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<PortalAccountsQuery, PortalAccountsQueryVariables>;
export const PortalAccountHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalAccountHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAccount"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalEvent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]} as unknown as DocumentNode<PortalAccountHistoryQuery, PortalAccountHistoryQueryVariables>;
export const PortalRenewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalRenew"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenewAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAccount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<PortalRenewMutation, PortalRenewMutationVariables>;
export const PortalChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeAccountPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeAccountPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAccount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAccount"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]} as unknown as DocumentNode<PortalChangePasswordMutation, PortalChangePasswordMutationVariables>;
export const PortalAccountEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalAccountEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalEvent"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]} as unknown as DocumentNode<PortalAccountEventsSubscription, PortalAccountEventsSubscriptionVariables>;
export const PortalBulkProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalBulkProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperationUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<PortalBulkProgressSubscription, PortalBulkProgressSubscriptionVariables>;