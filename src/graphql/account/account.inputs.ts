import { Field, InputType } from 'type-graphql';
import { AccountStatus, ProviderName } from '../common/enums.js';
import { ID } from 'type-graphql';

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
}
