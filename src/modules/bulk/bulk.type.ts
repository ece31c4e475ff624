import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { Node } from '../../graphql/common/node.js';
import { AccountStatus, ProviderName } from '../../graphql/common/enums.js';
import { DateTime, JSONObject, LocalDate } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { UserError } from '../../graphql/common/user-error.js';

export enum BulkAction {
  ENABLE = 'ENABLE',
  DISABLE = 'DISABLE',
  RENEW = 'RENEW',
  EXTEND = 'EXTEND',
  EXPIRE = 'EXPIRE',
  CHANGE_PLAN = 'CHANGE_PLAN',
  CLOSE = 'CLOSE',
  CHANGE_PASSWORD = 'CHANGE_PASSWORD',
  MOVE = 'MOVE',
}
registerEnumType(BulkAction, {
  name: 'BulkAction',
  description: 'What a bulk operation does to each account (the same path as the single mutation).',
  valuesConfig: {
    ENABLE: { description: 'enableAccount.' },
    DISABLE: { description: 'disableAccount.' },
    RENEW: { description: 'renewAccount by `args.periodDays` (one idempotency key per item).' },
    EXTEND: { description: 'extendAccount to `args.date`.' },
    EXPIRE: { description: 'expireAccount (now, or at `args.date`).' },
    CHANGE_PLAN: { description: 'changeAccountPlan to `args.planCode`.' },
    CLOSE: { description: 'closeAccount (delete where the provider only deletes).' },
    CHANGE_PASSWORD: { description: '`args.password`, or a fresh random one per account that is never shown.' },
    MOVE: {
      description:
        'moveAccount to `args.toProvider` (optional `args.planCode`, `args.keepUsername`): one AccountMove per account, under a key derived from the operation and the item (a resumed operation never starts a second move). Operators, and sub-resellers within their scope and quota.',
    },
  },
});

export enum BulkOperationStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(BulkOperationStatus, {
  name: 'BulkOperationStatus',
  description: 'Where a bulk operation stands.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the background worker.' },
    RUNNING: { description: 'Items are being worked.' },
    COMPLETED: { description: 'Every item settled (see the counts for how).' },
    FAILED: { description: 'The run itself failed (not one item); items settled so far stay settled.' },
    CANCELLED: { description: 'Stopped on request; items not started are CANCELLED.' },
  },
});

export enum BulkItemStatus {
  PENDING = 'PENDING',
  CLAIMED = 'CLAIMED',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(BulkItemStatus, {
  name: 'BulkItemStatus',
  description: 'Where one item of a bulk operation stands.',
  valuesConfig: {
    PENDING: { description: 'Not started.' },
    CLAIMED: { description: 'Its vendor write is under way.' },
    SUCCEEDED: { description: 'Done.' },
    FAILED: { description: 'Not done; see userErrors.' },
    SKIPPED: { description: 'The provider cannot do this (UNSUPPORTED_BY_PROVIDER).' },
    CANCELLED: { description: 'The operation was cancelled before this item started.' },
  },
});

@ObjectType({ description: 'One account of a bulk operation.' })
export class BulkItem {
  @Field(() => Int, { description: 'Position in the selection (0-based).' }) index!: number;
  @Field(() => ID, { description: 'The account id as given.' }) accountId!: string;
  @Field(() => ProviderName, { nullable: true, description: 'Provider (null for ids that name no account).' })
  provider!: ProviderName | null;
  @Field(() => BulkItemStatus, { description: 'State.' }) status!: BulkItemStatus;
  @Field(() => Int, { description: 'Vendor write attempts (1 normally).' }) attempts!: number;
  @Field(() => [UserError], { description: 'Why it failed or was skipped.' }) userErrors!: UserError[];
}

export const BulkItemConnection = connectionTypes(BulkItem, 'BulkItem', 'A page of bulk items, in order.').Connection;

@Directive(INTERNAL)
@ObjectType({ implements: Node, description: 'Many accounts changed by one request, on the background worker.' })
export class BulkOperation extends Node {
  @Field(() => BulkAction, { description: 'What is done to each account.' }) action!: BulkAction;
  @Field(() => JSONObject, { description: 'Arguments of the action (a password is never shown).' })
  args!: Record<string, unknown>;
  @Field(() => BulkOperationStatus, { description: 'State.' }) status!: BulkOperationStatus;
  @Field({ description: 'Who started it.' }) actor!: string;
  @Field(() => Int, { description: 'Items selected.' }) total!: number;
  @Field(() => Int, { description: 'Items done.' }) succeeded!: number;
  @Field(() => Int, { description: 'Items not done (see their userErrors).' }) failed!: number;
  @Field(() => Int, { description: 'Items the provider cannot do.' }) skipped!: number;
  @Field(() => Int, { description: 'Items cancelled before they started.' }) cancelled!: number;
  @Field(() => Float, { description: 'Settled items / total (0 to 1).' }) progress!: number;
  @Field(() => DateTime, { description: 'Created.' }) createdAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'First picked up by a worker.' }) startedAt!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Finished.' }) finishedAt!: string | null;
  /** Raw id for the items resolver. */
  rawId!: string;
}

@InputType({ description: 'Accounts of the directory to select (instead of accountIds).' })
export class BulkSelectionFilter {
  @Field(() => [ProviderName], { nullable: true, description: 'Only these providers.' })
  providers?: ProviderName[] | null;
  @Field(() => [AccountStatus], { nullable: true, description: 'Only these last-known statuses.' })
  statuses?: AccountStatus[] | null;
  @Field(() => String, { nullable: true, description: 'Only usernames starting with this.' })
  usernamePrefix?: string | null;
}

@InputType({ description: 'Arguments of a bulk action.' })
export class BulkActionArgs {
  @Field(() => Int, { nullable: true, description: 'RENEW: days.' }) periodDays?: number | null;
  @Field(() => LocalDate, { nullable: true, description: 'EXTEND: new expiry; EXPIRE: when.' }) date?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'CHANGE_PLAN (and RENEW where plans renew; MOVE: the target plan).',
  })
  planCode?: string | null;
  @Field(() => String, { nullable: true, description: 'CHANGE_PASSWORD: the new password for every account.' })
  password?: string | null;
  @Field(() => ProviderName, { nullable: true, description: 'MOVE: the provider every account moves to.' })
  toProvider?: ProviderName | null;
  @Field(() => Boolean, { nullable: true, description: 'MOVE: keep each username at the target.' })
  keepUsername?: boolean | null;
}

@InputType({ description: 'A bulk account operation.' })
export class StartBulkAccountOperationInput {
  @Field(() => [ID], { nullable: true, description: 'Accounts (at most 10,000); or give `filter`.' })
  accountIds?: string[] | null;
  @Field(() => BulkSelectionFilter, { nullable: true, description: 'Select accounts of the directory instead.' })
  filter?: BulkSelectionFilter | null;
  @Field(() => BulkAction, { description: 'What to do.' }) action!: BulkAction;
  @Field(() => BulkActionArgs, { nullable: true, description: 'Arguments of the action.' })
  args?: BulkActionArgs | null;
  @Field(() => String, { nullable: true, description: 'Asking again with the same key answers the same operation.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A bulk operation.' })
export class BulkOperationRefInput {
  @Field(() => ID, { description: 'Bulk operation id.' }) id!: string;
}

@ObjectType({ description: 'Result of startBulkAccountOperation / cancelBulkOperation.' })
export class BulkOperationPayload {
  @Field(() => BulkOperation, { nullable: true, description: 'The operation.' }) bulkOperation!: BulkOperation | null;
  @Field(() => [UserError], { description: 'Problems; empty on success (nothing is queued when not empty).' })
  userErrors!: UserError[];
}
