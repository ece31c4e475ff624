import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { LocalDate, SafeInt } from '../../graphql/common/scalars.js';

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'One usage datapoint (WLVPN metric).' })
export class UsageMetric {
  @Field({ description: 'Metric name, e.g. "bandwidth" or "connections".' })
  name!: string;

  @Field({ description: 'Metric namespace, e.g. "vpn".' })
  namespace!: string;

  @Field(() => Float, { description: 'Value over the period.' })
  value!: number;

  @Field({ description: 'Unit, e.g. "Bytes" or "None".' })
  unit!: string;
}

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'Usage of one account over a date range (inclusive, UTC).' })
export class UsageReport {
  @Field(() => ProviderName, { description: 'Provider that measured the usage.' })
  provider!: ProviderName;

  @Field(() => LocalDate, { description: 'First day included.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day included.' })
  to!: string;

  @Field(() => SafeInt, { nullable: true, description: 'Bytes transferred, when measured.' })
  bandwidthBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Number of VPN connections, when measured.' })
  connections!: number | null;

  @Field(() => [UsageMetric], { description: 'Every metric the provider reported.' })
  metrics!: UsageMetric[];
}
