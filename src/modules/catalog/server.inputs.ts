import { Field, InputType } from 'type-graphql';
import { ProviderName } from '../../graphql/common/enums.js';

@InputType({ description: 'Narrows the server list.' })
export class ServerFilter {
  @Field(() => [ProviderName], { nullable: true, description: 'Only these providers (default: all).' })
  providers?: ProviderName[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these countries (ISO 3166-1 alpha-2).' })
  countryCodes?: string[] | null;
}
