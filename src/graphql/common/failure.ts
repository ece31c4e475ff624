import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from './freshness.js';
import { ErrorCode, ProviderName } from './enums.js';

@Directive(INHERIT_CACHE_HINT)
@ObjectType({
  description:
    'A provider that could not contribute to a list. The rest of the list is still returned; the same failure ' +
    'is also reported in the response `errors` with this path and `extensions.code`.',
})
export class ProviderFailure {
  @Field(() => ProviderName, { description: 'The provider that failed.' })
  provider!: ProviderName;

  @Field(() => ErrorCode, { description: 'Stable error code.' })
  code!: ErrorCode;

  @Field({ description: 'What went wrong, safe to show.' })
  message!: string;

  @Field({ description: 'True when retrying later may succeed.' })
  retryable!: boolean;
}
