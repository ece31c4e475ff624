import { Field, ID, InputType } from 'type-graphql';
import { ProviderName } from '../../graphql/common/enums.js';
import { SyncIssueKind } from './sync.type.js';

@InputType({ description: 'Start a sync of one provider.' })
export class SyncProviderInput {
  @Field(() => ProviderName, { description: 'Provider to sync.' }) provider!: ProviderName;
}

@InputType({ description: 'Which drift entries to list.' })
export class SyncIssueFilter {
  @Field(() => [ProviderName], { nullable: true, description: 'Only these providers (default all).' })
  providers?: ProviderName[] | null;
  @Field(() => [SyncIssueKind], { nullable: true, description: 'Only these kinds (default all).' })
  kinds?: SyncIssueKind[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Also settled entries (default false: open ones only).' })
  includeResolved?: boolean | null;
}

@InputType({ description: 'Identifies a drift entry.' })
export class SyncIssueRefInput {
  @Field(() => ID, { description: 'SyncIssue id.' }) id!: string;
}
