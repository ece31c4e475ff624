import { Field, ID, InputType, Int } from 'type-graphql';
import { AccountStatus, ProviderName } from '../../graphql/common/enums.js';
import { DateTime, JSONObject, LocalDate } from '../../graphql/common/scalars.js';
import { AccountOrderField, SortDirection } from '../../graphql/common/freshness.js';

@InputType({ description: 'Narrows the accounts connection. All given conditions must hold.' })
export class AccountFilter {
  @Field(() => [ProviderName], { nullable: true, description: 'Only these providers (default: all).' })
  providers?: ProviderName[] | null;

  @Field(() => [AccountStatus], { nullable: true, description: 'Only accounts in one of these statuses.' })
  statuses?: AccountStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only accounts of this customer.' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only accounts of this project (VPNresellers).' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only usernames starting with this text (case-sensitive).' })
  usernamePrefix?: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only accounts expiring strictly before this instant (mirror; accounts without expiry never match).',
  })
  expiresBefore?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Only accounts expiring at or after this instant (mirror).' })
  expiresAfter?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only usernames containing this text, case-insensitive (mirror; at most 60 characters).',
  })
  search?: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Only accounts whose mirrored state is older than this instant or was never confirmed (mirror).',
  })
  staleBefore?: Date | null;
}

@InputType({ description: 'Order of the mirror-served accounts connection.' })
export class AccountOrder {
  @Field(() => AccountOrderField, { description: 'Sort key.' })
  field!: AccountOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (default ASC).' })
  direction!: SortDirection;
}

@InputType({ description: 'A new customer created together with a VPNresellers account.' })
export class NewProviderCustomerInput {
  @Field({ description: 'First name.' }) firstName!: string;
  @Field({ description: 'Last name.' }) lastName!: string;
  @Field({ description: 'Email address.' }) email!: string;
  @Field(() => ID, { description: 'Project id (VPNresellers).' }) projectId!: string;
}

@InputType({ description: 'Create a VPN account at a provider.' })
export class CreateAccountInput {
  @Field(() => ProviderName, { description: 'Provider to create the account at.' }) provider!: ProviderName;
  @Field(() => String, {
    nullable: true,
    description: 'VPN username (PureVPN picks its own; WLVPN/VPNresellers: generated when omitted).',
  })
  username?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'VPN password; generated when omitted. Returned once in the payload.',
  })
  password?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days of service (PureWL, PureVPN).' }) periodDays?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Plan code (WLVPN plan, PureVPN package, PureWL subscription type).',
  })
  planCode?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Customer to link (a VPNresellers customer, or one kept by this API).',
  })
  customerId?: string | null;
  @Field(() => NewProviderCustomerInput, {
    nullable: true,
    description: 'VPNresellers: create the customer with the account.',
  })
  newCustomer?: NewProviderCustomerInput | null;
  @Field(() => String, { nullable: true, description: 'WLVPN account group id.' }) groupId?: string | null;
  @Field(() => JSONObject, { nullable: true, description: 'WLVPN metadata (at most 5 string keys).' })
  metadata?: Record<string, string> | null;
  @Field(() => String, {
    nullable: true,
    description: 'Replays the first outcome for 24 h; the same key with other input is a CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Identifies the account to act on.' })
export class AccountRefInput {
  @Field(() => ID, { description: 'Account id.' }) accountId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h; the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Add days to an account's subscription." })
export class RenewAccountInput extends AccountRefInput {
  @Field(() => Int, { description: 'Days to add (PureVPN: 30, 60, 90, 180 or 365).' }) periodDays!: number;
  @Field(() => String, { nullable: true, description: 'New package/plan at renewal, where the provider allows it.' })
  planCode?: string | null;
}

@InputType({ description: "Move an account's expiry to a date." })
export class ExtendAccountInput extends AccountRefInput {
  @Field(() => LocalDate, { description: 'New last day of service (YYYY-MM-DD).' }) expiresOn!: string;
}

@InputType({ description: "End an account's service now or on a date." })
export class ExpireAccountInput extends AccountRefInput {
  @Field(() => LocalDate, { nullable: true, description: 'Day the service ends (default: today).' }) on?: string | null;
}

@InputType({ description: 'Set a new VPN password.' })
export class ChangeAccountPasswordInput extends AccountRefInput {
  @Field(() => String, { nullable: true, description: 'New password; generated (and returned once) when omitted.' })
  password?: string | null;
}

@InputType({ description: 'Move an account to another plan.' })
export class ChangeAccountPlanInput extends AccountRefInput {
  @Field({ description: 'Plan code (see `plans(provider)`).' }) planCode!: string;
}

@InputType({ description: 'Apply or remove a bandwidth limit (WLVPN).' })
export class SetBandwidthLimitInput extends AccountRefInput {
  @Field(() => Int, { nullable: true, description: 'Kilobytes per second; null removes every limitation.' })
  kilobytesPerSecond?: number | null;
}

@InputType({ description: 'Link an account to a customer kept by this API.' })
export class LinkAccountInput extends AccountRefInput {
  @Field(() => ID, { nullable: true, description: 'Customer id; null removes the link.' }) customerId?: string | null;
}
