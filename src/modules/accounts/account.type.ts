import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { COST, INTERNAL, cost } from '../../graphql/common/cost.js';
import { Node } from '../../graphql/common/node.js';
import { AccountStatus, ProviderName } from '../../graphql/common/enums.js';
import { DateTime, JSONObject, SafeInt } from '../../graphql/common/scalars.js';
import { ProviderFailure } from '../../graphql/common/failure.js';
import { connectionTypes } from '../../graphql/common/page.js';

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: "A plan in an account's history (WLVPN plans_info)." })
export class AccountPlan {
  @Field(() => String, { nullable: true, description: 'Plan code (null for manual or initial freemium allowances).' })
  planCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Plan name.' })
  name!: string | null;

  @Field({ description: 'CURRENT, PENDING or SPENT.' })
  state!: string;

  @Field({ description: 'True for unlimited (time-based) plans.' })
  unlimited!: boolean;

  @Field(() => DateTime, { nullable: true, description: 'When the plan starts or started.' })
  startsAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the plan ends or ended.' })
  expiresAt!: string | null;

  @Field(() => SafeInt, { nullable: true, description: 'Bytes used so far (bandwidth plans).' })
  bytesUsed!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Allowance in bytes (bandwidth plans).' })
  bytesMax!: number | null;

  @Field({ description: 'True when the plan was revoked.' })
  revoked!: boolean;
}

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'WireGuard details of an account (VPNresellers).' })
export class WireGuardInfo {
  @Field(() => String, { nullable: true, description: 'Tunnel IP address assigned to the account.' })
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'Public key of the account.' })
  publicKey!: string | null;

  // privateKey is resolved by AccountResolver (admin only).
}

@Directive(INHERIT_CACHE_HINT)
@ObjectType({
  description:
    "When the vendor last confirmed each group of an account's fields (null: never). A read that cannot see a " +
    "group (WLVPN's account list has no plan nor plan-based expiry) leaves that group's time as it was; " +
    '`Account.syncedAt` is the oldest of the groups the answer shows.',
})
export class AccountConfirmations {
  @Field(() => DateTime, { nullable: true, description: '`status`, `providerStatus`, `closedAt`.' })
  status!: string | null;

  @Field(() => DateTime, { nullable: true, description: '`expiresAt`.' })
  expiry!: string | null;

  @Field(() => DateTime, { nullable: true, description: '`plan`, `plans`, `metadata`.' })
  plan!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: '`throttled` and the "cap reached" status (bandwidth state; WLVPN tells it with every read).',
  })
  bandwidth!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description:
      "`customer` and `project`: the account's links, confirmed by a walk of the vendor's customer lists " +
      '(VPNresellers: each sync, or the request itself when the link is older than its `maxAge` / LINKS_MAX_AGE_MS), ' +
      'a create here or a link made here.',
  })
  customer!: string | null;
}

@Directive('@key(fields: "id")')
@Directive(INHERIT_CACHE_HINT)
@ObjectType({ implements: Node, description: 'A VPN account at one of the providers.' })
export class Account extends Node {
  @Field(() => ProviderName, { description: 'Provider holding the account.' })
  provider!: ProviderName;

  @Field({ description: "The provider's own id for the account (numeric id, or the username where it has none)." })
  nativeId!: string;

  @Field({ description: 'VPN username.' })
  username!: string;

  @Directive(cost(COST.STATUS_READ))
  @Field(() => AccountStatus, { description: 'Provider-neutral status.' })
  status!: AccountStatus;

  @Directive(cost(COST.STATUS_READ))
  @Directive(INTERNAL)
  @Field(() => String, {
    nullable: true,
    description:
      'The provider\'s raw status value, verbatim (e.g. "Enabled:February 26, 2024"). Null for scoped credentials (customer portals, sub-resellers).',
  })
  providerStatus!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the account was opened.' })
  createdAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the provider last changed the account.' })
  updatedAt!: string | null;

  @Directive(cost(COST.STATUS_READ))
  @Field(() => DateTime, { nullable: true, description: 'When the service ends (null: no end date / auto-renewal).' })
  expiresAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the account was closed.' })
  closedAt!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Bandwidth throttled right now (null: the provider does not say).',
  })
  throttled!: boolean | null;

  @Field(() => String, { nullable: true, description: 'WLVPN account group.' })
  groupId!: string | null;

  @Directive(cost(COST.STATUS_READ))
  @Directive(INTERNAL)
  @Field(() => JSONObject, {
    nullable: true,
    description: 'Reseller metadata stored with the account (WLVPN). Null for scoped credentials.',
  })
  metadata!: Record<string, string> | null;

  @Field(() => [AccountPlan], { nullable: true, description: 'Current, pending and spent plans (WLVPN).' })
  plans!: AccountPlan[] | null;
}

/**
 * Account fields only a per-account vendor read can answer for providers without a list call (PureWL,
 * PureVPN). A connection whose nodes select none of them lists those providers from the directory alone.
 */
export const STATUS_FIELDS: ReadonlySet<string> = new Set(['status', 'providerStatus', 'expiresAt']);

const account = connectionTypes(Account, 'Account', 'Accounts across every provider, in a stable order.');

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'A page of accounts spanning providers.' })
export class AccountConnection extends account.Connection {
  @Field(() => [ProviderFailure], {
    description: 'Providers that could not contribute to this page (their accounts are missing from it).',
  })
  failures!: ProviderFailure[];
}
