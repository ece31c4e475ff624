import {
  CATALOG_MAX_AGE_DESCRIPTION,
  DataSource,
  STAMP_DATA_SOURCE,
  type StampedRoot,
} from '../../graphql/common/freshness.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root, ID, Int, Directive } from 'type-graphql';
import { COST, cost, listSize } from '../../graphql/common/cost.js';
import type { PlanRecord } from '../../domain/records.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { encodeId } from '../../domain/ids.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Plan } from './plan.type.js';

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver(() => DateTime, {
    nullable: true,
    description:
      "When the vendor last confirmed the provider's plan list this plan is part of (it is read whole; a live read: " +
      'when it answered). Null when unknown.',
  })
  syncedAt(@Root() root: PlanRecord & StampedRoot): string | null {
    return root.syncedAt ?? null;
  }

  @FieldResolver(() => DataSource, { description: STAMP_DATA_SOURCE })
  dataSource(@Root() root: PlanRecord & StampedRoot): DataSource {
    return root.dataSource ?? 'LIVE';
  }

  @Directive(cost(COST.CATALOG))
  @Directive(listSize(50))
  @Query(() => [Plan], {
    nullable: true, // bad arguments or a failure null this field alone, never its siblings
    description:
      'Plans a provider offers (cached for CATALOG_CACHE_TTL_MS, and no older than `maxAge`); null with an error when it cannot say.',
  })
  plans(
    @Arg('provider', () => ProviderName, { description: 'Provider.' }) provider: ProviderName,
    @Ctx() ctx: GraphQLContext,
    @Arg('maxAge', () => Int, { nullable: true, description: CATALOG_MAX_AGE_DESCRIPTION }) maxAge?: number | null,
  ): Promise<PlanRecord[]> {
    return ctx.services.catalog.plans(provider, maxAge);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() plan: PlanRecord): string {
    return encodeId('Plan', plan.provider, plan.nativeId);
  }
}
