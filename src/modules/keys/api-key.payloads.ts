import { Field, ObjectType } from 'type-graphql';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { ApiKey } from './api-key.type.js';

@ObjectType({ description: 'Result of `createApiKey`.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key.' }) apiKey!: ApiKey | null;
  @Field(() => String, {
    nullable: true,
    description: 'The secret to send as `X-Api-Key`, shown this once: store it now; only its hash is kept.',
  })
  secret!: string | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserErrorShape[];
}

@ObjectType({ description: 'Result of `revokeApiKey`.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, revoked.' }) apiKey!: ApiKey | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserErrorShape[];
}
