import { Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { COST, INTERNAL, cost } from '../../graphql/common/cost.js';
import type { ProviderHealthSummary, ProviderSummary } from './catalog.service.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ProviderHealthInfo, ProviderInfo } from './provider.type.js';

@Resolver(() => ProviderInfo)
export class ProviderResolver {
  @Query(() => [ProviderInfo], {
    nullable: true, // never blanks its siblings
    description: 'The four providers, their mode, capabilities and health.',
  })
  providers(@Ctx() ctx: GraphQLContext): ProviderSummary[] {
    return ctx.services.catalog.providers();
  }

  @FieldResolver(() => ID, { description: "Stable id (the provider's name), so client caches normalise it." })
  id(@Root() info: ProviderSummary): string {
    return info.name;
  }

  @Directive(cost(COST.VENDOR_READ))
  @Directive(INTERNAL)
  @FieldResolver(() => ProviderHealthInfo, { description: 'Checked live (one cheap upstream call) when selected.' })
  health(@Root() info: ProviderSummary, @Ctx() ctx: GraphQLContext): Promise<ProviderHealthSummary> {
    return ctx.services.catalog.health(info.name);
  }
}
