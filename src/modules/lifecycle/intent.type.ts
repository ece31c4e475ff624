import { Field, ID, InputType, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { ErrorCode, ProviderName } from '../../graphql/common/enums.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';

export enum WriteIntentState {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(WriteIntentState, {
  name: 'WriteIntentState',
  description: 'Where a write-ahead intent stands.',
  valuesConfig: {
    PENDING: { description: 'An owner holds (or held, when its lease ran out) the write.' },
    SUCCEEDED: { description: 'The vendor did it.' },
    FAILED: { description: 'The vendor did not do it.' },
    UNKNOWN: { description: 'Nobody could tell yet whether the vendor did it.' },
  },
});

@Directive(INTERNAL)
@ObjectType({ description: 'A vendor write recorded before it was sent (create, renew), with what finds its result.' })
export class WriteIntent {
  @Field(() => ID, { description: 'Intent id (named by OUTCOME_UNKNOWN errors).' }) id!: string;
  @Field(() => ProviderName, { description: 'Provider the write went to.' }) provider!: ProviderName;
  @Field({ description: 'Operation, e.g. "createAccount".' }) operation!: string;
  @Field(() => WriteIntentState, { description: 'Current state.' }) state!: WriteIntentState;
  @Field(() => Int, { description: 'Attempts so far (each owner or reconciliation pass counts one).' })
  attempt!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Username that finds the result; null when the vendor picks it and never said.',
  })
  username!: string | null;
  @Field(() => DateTime, { description: 'When the intent was recorded.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'Last change.' }) updatedAt!: Date;
  @Field(() => ErrorCode, {
    nullable: true,
    description: 'Code of the last failure, when it is one of the stable codes.',
  })
  lastError!: ErrorCode | null;
}

const intent = connectionTypes(WriteIntent, 'WriteIntent', 'A page of write-ahead intents.');
export const WriteIntentConnection = intent.Connection;

export enum IntentOutcome {
  APPLIED = 'APPLIED',
  NOT_APPLIED = 'NOT_APPLIED',
}

registerEnumType(IntentOutcome, {
  name: 'IntentOutcome',
  description: "An operator's verdict on a write nobody could settle.",
  valuesConfig: {
    APPLIED: { description: 'The vendor did it: what it made enters the directory, the key replays it.' },
    NOT_APPLIED: { description: 'The vendor did not: the key may run the write again.' },
  },
});

@InputType({ description: 'Settle an unresolved write-ahead intent by hand (after looking at the vendor).' })
export class SettleIntentInput {
  @Field(() => ID, { description: 'The intent (as named by an OUTCOME_UNKNOWN error or `unresolvedIntents`).' })
  intentId!: string;
  @Field(() => IntentOutcome, { description: 'What the vendor shows.' }) outcome!: IntentOutcome;
  @Field(() => String, {
    nullable: true,
    description: "APPLIED creates: the vendor's id of the account it made, when the intent has no username.",
  })
  nativeId?: string | null;
}

@ObjectType({ description: 'Result of settleIntent.' })
export class SettleIntentPayload {
  @Field(() => WriteIntent, { nullable: true, description: 'The intent as it now stands.' })
  intent!: WriteIntent | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' })
  userErrors!: UserErrorShape[];
}
