import { Field, ObjectType } from 'type-graphql';
import { AccountOperation, ProviderName } from '../../graphql/common/enums.js';

@ObjectType({ description: 'Health of a provider as seen from this API.' })
export class ProviderHealthInfo {
  @Field({ description: 'True when the provider answered a cheap call just now.' })
  ok!: boolean;

  @Field({ description: 'Circuit breaker state: closed (normal), open (failing fast), half-open (probing).' })
  breaker!: string;

  @Field(() => String, { nullable: true, description: 'What went wrong, when not ok.' })
  message!: string | null;
}

@ObjectType({ description: 'What a provider can serve on the read side.' })
export class ProviderFeaturesInfo {
  @Field({ description: 'The provider lists accounts itself (else this API lists those it knows).' })
  listAccounts!: boolean;
  @Field({ description: 'Has customers.' })
  customers!: boolean;
  @Field({ description: 'Has projects.' })
  projects!: boolean;
  @Field({ description: 'Has plans.' })
  plans!: boolean;
  @Field({ description: 'Has a server list.' })
  servers!: boolean;
  @Field({ description: 'Reports usage.' })
  usage!: boolean;
  @Field({ description: 'Reports usage for many accounts in one call.' })
  bulkUsage!: boolean;
  @Field({ description: 'Serves VPN client configuration files.' })
  connectionConfigs!: boolean;
}

@ObjectType({ description: 'A provider behind this graph and how it is wired.' })
export class ProviderInfo {
  @Field(() => ProviderName, { description: 'Provider.' })
  name!: ProviderName;

  @Field({ description: 'True when real credentials are configured (false: running against the sandbox emulator).' })
  configured!: boolean;

  @Field({ description: 'True when this provider is served by its in-process sandbox emulator.' })
  sandbox!: boolean;

  @Field(() => [AccountOperation], { description: 'Lifecycle operations this provider supports.' })
  capabilities!: AccountOperation[];

  @Field(() => ProviderFeaturesInfo, { description: 'Read-side features.' })
  features!: ProviderFeaturesInfo;
}
