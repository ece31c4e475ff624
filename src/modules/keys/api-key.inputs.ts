import { Field, ID, InputType, Int } from 'type-graphql';
import { AccountOperation } from '../../graphql/common/enums.js';
import { ApiKeyRole } from './api-key.type.js';

@InputType({ description: 'The scope of a CUSTOMER or RESELLER key (the claims of a scoped JWT; see docs/keys.md).' })
export class ApiKeyScopeInput {
  @Field(() => [ID], { nullable: true, description: 'Customer ids (a CUSTOMER key: exactly one).' })
  customerIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Project ids (RESELLER keys only).' })
  projectIds?: string[] | null;
  @Field(() => [AccountOperation], {
    nullable: true,
    description:
      'Account operations allowed; omitted: the default of the role (customers: CHANGE_PASSWORD, RENEW, EXTEND).',
  })
  ops?: AccountOperation[] | null;
  @Field(() => Int, { nullable: true, description: 'Accounts a sub-reseller may have open (RESELLER only).' })
  quota?: number | null;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'Unique name (1-100 characters: letters, digits, space and . _ : @ -).' }) name!: string;
  @Field(() => ApiKeyRole, { description: 'Role.' }) role!: ApiKeyRole;
  @Field(() => ApiKeyScopeInput, {
    nullable: true,
    description: 'Required for CUSTOMER / RESELLER; none for global roles.',
  })
  scope?: ApiKeyScopeInput | null;
}

@InputType({ description: 'An API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'API key id.' }) id!: string;
}
