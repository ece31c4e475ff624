import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { Node } from '../../graphql/common/node.js';
import { PlanKind, ProviderName } from '../../graphql/common/enums.js';
import { SafeInt } from '../../graphql/common/scalars.js';

@Directive('@key(fields: "id")')
@Directive(INHERIT_CACHE_HINT)
@ObjectType({
  implements: Node,
  description:
    'Something an account can be put on: a WLVPN plan, a PureVPN package × period, or a PureWL subscription type.',
})
export class Plan extends Node {
  @Field(() => ProviderName, { description: 'Provider offering the plan.' })
  provider!: ProviderName;

  @Field({ description: "Code to pass to createAccount / changeAccountPlan (the vendor's own code)." })
  code!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  description!: string | null;

  @Field(() => PlanKind, { description: 'Time-based or bandwidth-based.' })
  kind!: PlanKind;

  @Field(() => Int, { nullable: true, description: 'Length of a time-based plan, in days.' })
  intervalDays!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Allowance of a bandwidth-based plan, in bytes.' })
  bandwidthBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'Display price in USD, e.g. "4.99", when the provider has one.' })
  priceUsd!: string | null;

  @Field({ description: 'True for auto-renewing subscriptions.' })
  autoRenewing!: boolean;

  @Field(() => Int, { nullable: true, description: 'Days after which a bandwidth allowance refills (0 = never).' })
  refillingIntervalDays!: number | null;
}
