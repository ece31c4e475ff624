import { Field, ObjectType } from 'type-graphql';
import type { SyncIssue as SyncIssueRecord, SyncRun as SyncRunRecord } from '../../domain/sync-log-records.js';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { SyncIssue, SyncRun } from './sync.type.js';

@ObjectType({ description: 'Result of `syncProvider`.' })
export class SyncProviderPayload {
  @Field(() => SyncRun, {
    nullable: true,
    description: 'The run started, or the one already going for that provider (there is never a second).',
  })
  run!: SyncRunRecord | null;
  @Field(() => Boolean, { description: 'True when this call started the run; false when it answers the running one.' })
  started!: boolean;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}

@ObjectType({ description: 'Result of `adoptSyncIssue` / `forgetSyncIssue`.' })
export class SyncIssuePayload {
  @Field(() => SyncIssue, { nullable: true, description: 'The entry after the change.' })
  issue!: SyncIssueRecord | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}
