import { Field, ID, InputType, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { Node } from '../../graphql/common/node.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { DateTime, JSONObject } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';

export enum AccountEventKind {
  ACCOUNT_CREATED = 'ACCOUNT_CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  EXPIRY_CHANGED = 'EXPIRY_CHANGED',
  PLAN_CHANGED = 'PLAN_CHANGED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  ACCOUNT_UPDATED = 'ACCOUNT_UPDATED',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  ACCOUNT_DELETED = 'ACCOUNT_DELETED',
  CHANGED_AT_VENDOR = 'CHANGED_AT_VENDOR',
  GONE_AT_VENDOR = 'GONE_AT_VENDOR',
  ORPHAN_AT_VENDOR = 'ORPHAN_AT_VENDOR',
  EXPIRING_SOON = 'EXPIRING_SOON',
  BANDWIDTH_CAPPED = 'BANDWIDTH_CAPPED',
  BULK_OPERATION_FINISHED = 'BULK_OPERATION_FINISHED',
  ACCOUNT_MOVED = 'ACCOUNT_MOVED',
}

registerEnumType(AccountEventKind, {
  name: 'AccountEventKind',
  description: 'What an event records (also what a webhook endpoint subscribes to).',
  valuesConfig: {
    ACCOUNT_CREATED: { description: 'An account was created through this API.' },
    STATUS_CHANGED: { description: 'Enabled, disabled or reopened through this API.' },
    EXPIRY_CHANGED: { description: 'Renewed, extended or expired through this API.' },
    PLAN_CHANGED: { description: 'Plan changed through this API.' },
    PASSWORD_CHANGED: { description: 'Password changed through this API (the password is never recorded).' },
    ACCOUNT_UPDATED: { description: 'Another change through this API (anonymise, bandwidth limit, sessions).' },
    ACCOUNT_CLOSED: { description: 'Closed through this API (kept at the vendor).' },
    ACCOUNT_DELETED: { description: 'Deleted at the vendor through this API.' },
    CHANGED_AT_VENDOR: { description: 'A sync found status or expiry changed outside this API.' },
    GONE_AT_VENDOR: { description: 'A sync found the account no longer exists at the vendor.' },
    ORPHAN_AT_VENDOR: { description: 'A sync found an account made outside this API (adopted).' },
    EXPIRING_SOON: { description: 'The account expires within one of EXPIRY_NOTICE_DAYS (once per threshold).' },
    BANDWIDTH_CAPPED: { description: 'The account reached its bandwidth cap (once per expiry date).' },
    BULK_OPERATION_FINISHED: { description: 'A bulk operation finished (webhooks only; about no single account).' },
    ACCOUNT_MOVED: {
      description: 'An account moved to another provider (written on the source and on the target; see accountMoves).',
    },
  },
});

@ObjectType({
  implements: Node,
  description: 'One entry of account history: a change, drift found by a sync, or a notice.',
})
export class AccountEvent extends Node {
  @Field(() => DateTime, { description: 'When it was recorded.' }) at!: string;
  @Field(() => AccountEventKind, { description: 'What happened.' }) kind!: AccountEventKind;
  @Field(() => ID, { nullable: true, description: 'Global id of the account.' }) accountId!: string | null;
  @Field(() => ProviderName, { nullable: true, description: 'Provider of the account.' })
  provider!: ProviderName | null;
  @Field(() => String, { nullable: true, description: "The provider's own id of the account." })
  nativeId!: string | null;
  @Field(() => String, { nullable: true, description: 'Username at the time.' }) username!: string | null;
  @Field(() => JSONObject, {
    nullable: true,
    description: 'State before (status, expiresAt, planCode, …) as last known; null when unknown.',
  })
  before!: Record<string, unknown> | null;
  @Field(() => JSONObject, { nullable: true, description: 'State after; null for deletions and passwords.' })
  after!: Record<string, unknown> | null;
  @Field(() => JSONObject, { description: 'Details of the kind (thresholdDays, operation, bulk counts, …).' })
  data!: Record<string, unknown>;
  @Directive(INTERNAL)
  @Field({ description: 'Who: API key name or JWT subject, `sync`, `bulk:<operation id>`, `reconciler`.' })
  actor!: string;
}

const connection = connectionTypes(AccountEvent, 'AccountEvent', 'A page of account events, newest first.');
export const AccountEventConnection = connection.Connection;

@InputType({ description: 'Which events to list.' })
export class AccountEventFilter {
  @Field(() => [AccountEventKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: AccountEventKind[] | null;
  @Field(() => [ProviderName], { nullable: true, description: 'Any of these providers.' })
  providers?: ProviderName[] | null;
  @Field(() => DateTime, { nullable: true, description: 'Recorded at or after this instant.' })
  since?: Date | null;
  @Field(() => ID, { nullable: true, description: 'One account.' })
  accountId?: string | null;
}
