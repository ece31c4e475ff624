import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Directive } from 'type-graphql';
import { COST, cost, listSize } from '../common/cost.js';
import type { UsageRecord } from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import { CatalogService } from '../../services/catalog.js';
import { LocalDate } from '../common/scalars.js';
import type { GraphQLContext } from '../context.js';
import { UsageReport } from './usage.type.js';

const MAX_USAGE_IDS = CatalogService.MAX_USAGE_IDS;

@Resolver(() => UsageReport)
export class UsageResolver {
  @Directive(cost(COST.VENDOR_READ))
  @Directive(listSize(100))
  @Query(() => [UsageReport], {
    nullable: 'items',
    description:
      'Usage of many accounts over one date range, batched per provider (WLVPN: one bulk call). ' +
      'One slot per id, null where the provider reports no usage.',
  })
  usage(
    @Arg('accountIds', () => [ID], { description: `Account ids (at most ${MAX_USAGE_IDS}).` }) accountIds: string[],
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDate, { nullable: true, description: 'First day (UTC), inclusive.' }) from?: string | null,
    @Arg('to', () => LocalDate, { nullable: true, description: 'Last day (UTC), inclusive.' }) to?: string | null,
  ): Promise<Array<UsageRecord | null>> {
    return ctx.services.catalog.usage(accountIds, from ?? null, to ?? null);
  }

  @FieldResolver(() => ID, { description: 'Id of the account measured.' })
  accountId(@Root() usage: UsageRecord): string {
    return encodeId('Account', usage.provider, usage.accountNativeId);
  }
}
