import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/common/node.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { UserError } from '../../graphql/common/user-error.js';

export enum AccountMoveStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  NEEDS_ATTENTION = 'NEEDS_ATTENTION',
}
registerEnumType(AccountMoveStatus, {
  name: 'AccountMoveStatus',
  description: 'Where an account move stands.',
  valuesConfig: {
    QUEUED: { description: 'Recorded; waiting for the background worker.' },
    RUNNING: { description: 'A worker runs its steps (a step may be waiting to be tried again: see `steps`).' },
    COMPLETED: {
      description: 'The target account holds the service and the customer link; the source is retired.',
    },
    FAILED: { description: 'Stopped before any account was created (the source is untouched); see `lastError`.' },
    NEEDS_ATTENTION: {
      description:
        'A step could not finish after MOVE_MAX_ATTEMPTS tries: a create whose outcome is unknown (see unresolvedIntents), or a source that could not be retired (the target is kept). An operator resumes it with retryAccountMove.',
    },
  },
});

export enum AccountMoveStepName {
  VALIDATE = 'VALIDATE',
  CREATE = 'CREATE',
  RETIRE = 'RETIRE',
  REPOINT = 'REPOINT',
}
registerEnumType(AccountMoveStepName, {
  name: 'AccountMoveStepName',
  description: 'The steps of a move, in order.',
  valuesConfig: {
    VALIDATE: { description: 'The source read at its vendor; the time to carry over computed.' },
    CREATE: { description: 'The target account created (write-ahead intent, key derived from the move).' },
    RETIRE: { description: 'The source closed, disabled or deleted (MOVE_SOURCE_ACTION).' },
    REPOINT: { description: 'Directory links, history and the ACCOUNT_MOVED event, in one transaction.' },
  },
});

export enum AccountMoveStepStatus {
  RUNNING = 'RUNNING',
  RETRYING = 'RETRYING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(AccountMoveStepStatus, {
  name: 'AccountMoveStepStatus',
  description: 'Where one step stands.',
  valuesConfig: {
    RUNNING: { description: 'Under way.' },
    RETRYING: { description: 'It failed in a way that may pass; tried again after a pause.' },
    SUCCEEDED: { description: 'Done.' },
    FAILED: { description: 'Not done; see `code` and `message`.' },
  },
});

export enum MoveSourceAction {
  DISABLE = 'DISABLE',
  CLOSE = 'CLOSE',
  DELETE = 'DELETE',
}
registerEnumType(MoveSourceAction, {
  name: 'MoveSourceAction',
  description: 'What a move does to the source account (MOVE_SOURCE_ACTION).',
  valuesConfig: {
    DISABLE: { description: 'Disabled (kept, and counted against a quota).' },
    CLOSE: { description: 'Closed where the vendor closes (WLVPN), deleted where it only deletes.' },
    DELETE: { description: 'Deleted where the vendor deletes, closed where it cannot.' },
  },
});

@ObjectType({ description: 'One step of an account move.' })
export class AccountMoveStep {
  @Field(() => AccountMoveStepName, { description: 'Which step.' }) name!: AccountMoveStepName;
  @Field(() => AccountMoveStepStatus, { description: 'Where it stands.' }) status!: AccountMoveStepStatus;
  @Field(() => DateTime, { description: 'When it first started.' }) startedAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'When it ended.' }) finishedAt!: string | null;
  @Field(() => Int, { description: 'Tries so far.' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Error code of the last failed try.' }) code!: string | null;
  @Field(() => String, { nullable: true, description: 'What happened (the last failure, or the result).' })
  message!: string | null;
}

@ObjectType({ description: 'The service time a move carries over, and how it was rounded to the target.' })
export class MoveCarryOver {
  @Field(() => DateTime, { description: "The source's expiry when the move was computed." })
  sourceExpiresAt!: string;
  @Field(() => Int, { description: 'Days left on the source (a started day counts whole).' }) remainingDays!: number;
  @Field(() => Int, { description: 'Days bought at the target (never fewer than remainingDays).' })
  targetDays!: number;
  @Field(() => Int, { description: 'targetDays − remainingDays: the rounding to what the target sells.' })
  roundedUpDays!: number;
  @Field({ description: 'How the target sells time, e.g. "PureVPN periods of 30, 60, 90, 180, 365 days".' })
  granularity!: string;
  @Field(() => Int, { nullable: true, description: 'The period the create sends (null: a plan decides).' })
  periodDays!: number | null;
  @Field(() => String, { nullable: true, description: 'The plan code the create sends.' }) planCode!: string | null;
  @Field(() => DateTime, { nullable: true, description: "The target's expiry as its vendor answered the create." })
  targetExpiresAt!: string | null;
}

@ObjectType({
  implements: Node,
  description: 'An account moved from one provider to another, on the background worker.',
})
export class AccountMove extends Node {
  @Field(() => AccountMoveStatus, { description: 'Where it stands.' }) status!: AccountMoveStatus;
  @Field(() => [AccountMoveStep], { description: 'The steps run so far, in order.' }) steps!: AccountMoveStep[];
  @Field(() => ID, { description: 'The account moved.' }) sourceAccountId!: string;
  @Field(() => ID, { nullable: true, description: 'The new account, once created.' }) targetAccountId!: string | null;
  @Field(() => ProviderName, { description: 'Provider of the source.' }) fromProvider!: ProviderName;
  @Field(() => ProviderName, { description: 'Provider of the target.' }) toProvider!: ProviderName;
  @Field({ description: 'Username of the source.' }) sourceUsername!: string;
  @Field(() => String, { nullable: true, description: 'Username of the target, once created.' })
  targetUsername!: string | null;
  @Field(() => String, { nullable: true, description: 'The plan asked for (null: the shortest that covers).' })
  planCode!: string | null;
  @Field({ description: 'The source username was kept at the target.' }) keepUsername!: boolean;
  @Field(() => MoveSourceAction, { description: 'What is done to the source.' }) sourceAction!: MoveSourceAction;
  @Field(() => MoveCarryOver, { nullable: true, description: 'The time carried over, with the rounding.' })
  carryOver!: MoveCarryOver | null;
  @Field(() => Int, { description: 'Tries of the current step that may pass later.' }) attempts!: number;
  @Field({ description: 'The target password was handed out (takeAccountMovePassword answers it once).' })
  passwordHandedOut!: boolean;
  @Field(() => UserError, { nullable: true, description: 'Why it failed or needs attention.' })
  lastError!: UserError | null;
  @Field({ description: 'Who asked for it.' }) actor!: string;
  @Field(() => DateTime, { description: 'Asked for.' }) createdAt!: string;
  @Field(() => DateTime, { description: 'Last change.' }) updatedAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'Ended (COMPLETED, FAILED or NEEDS_ATTENTION).' })
  finishedAt!: string | null;
  /** For field resolvers. */
  rawId!: string;
}

export const AccountMoveConnection = connectionTypes(
  AccountMove,
  'AccountMove',
  'Account moves, newest first.',
).Connection;

@InputType({ description: 'Move an account to another provider.' })
export class MoveAccountInput {
  @Field(() => ID, { description: 'The account to move.' }) accountId!: string;
  @Field(() => ProviderName, { description: 'The provider to move it to.' }) toProvider!: ProviderName;
  @Field(() => String, {
    nullable: true,
    description:
      'Target plan (WLVPN plan code, PureVPN package, PureWL subscription type); default: the shortest that covers the remaining time.',
  })
  planCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Keep the username (refused when the target cannot).' })
  keepUsername?: boolean | null;
  @Field({ description: 'Asking again with the same key answers the same move.' }) idempotencyKey!: string;
}

@InputType({ description: 'Which moves to list.' })
export class AccountMoveFilter {
  @Field(() => [AccountMoveStatus], { nullable: true, description: 'Only these states (e.g. NEEDS_ATTENTION).' })
  statuses?: AccountMoveStatus[] | null;
  @Field(() => ProviderName, { nullable: true, description: 'Only moves from this provider.' })
  fromProvider?: ProviderName | null;
  @Field(() => ProviderName, { nullable: true, description: 'Only moves to this provider.' })
  toProvider?: ProviderName | null;
  @Field(() => ID, { nullable: true, description: 'Only moves of this account (as source or target).' })
  accountId?: string | null;
}

@InputType({ description: 'An account move.' })
export class AccountMoveRefInput {
  @Field(() => ID, { description: 'Account move id.' }) id!: string;
}

@ObjectType({ description: 'Result of moveAccount / retryAccountMove.' })
export class AccountMovePayload {
  @Field(() => AccountMove, { nullable: true, description: 'The move (poll it with `node(id)` or `accountMove`).' })
  accountMove!: AccountMove | null;
  @Field(() => [UserError], { description: 'Problems; empty on success (nothing is queued when not empty).' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of takeAccountMovePassword.' })
export class AccountMovePasswordPayload {
  @Field(() => AccountMove, { nullable: true, description: 'The move.' }) accountMove!: AccountMove | null;
  @Field(() => String, {
    nullable: true,
    description: 'The target account password: answered once, never stored (a fresh one set at the target).',
  })
  password!: string | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserError[];
}
