import { DataSource, STAMP_DATA_SOURCE, STAMP_SYNCED_AT, type StampedRoot } from '../../graphql/common/freshness.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Directive } from 'type-graphql';
import { COST, cost, listSize } from '../../graphql/common/cost.js';
import type { UsageRecord } from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import { CatalogService } from '../catalog/index.js';
import { LocalDate } from '../../graphql/common/scalars.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { UsageReport } from './usage.type.js';

const MAX_USAGE_IDS = CatalogService.MAX_USAGE_IDS;

@Resolver(() => UsageReport)
export class UsageResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAMP_SYNCED_AT })
  syncedAt(@Root() root: UsageRecord & StampedRoot): string | null {
    return root.syncedAt ?? null;
  }

  @FieldResolver(() => DataSource, { description: STAMP_DATA_SOURCE })
  dataSource(@Root() root: UsageRecord & StampedRoot): DataSource {
    return root.dataSource ?? 'LIVE';
  }

  @Directive(cost(COST.VENDOR_READ))
  @Directive(listSize(100))
  @Query(() => [UsageReport], {
    nullable: 'itemsAndList', // bad arguments null this field alone, never its siblings
    description:
      'Usage of many accounts over one date range, batched per provider (WLVPN: one bulk call). One slot per ' +
      'id: null where the account has no usage in the range; null with an UNSUPPORTED_BY_PROVIDER error at ' +
      "that slot's path where its provider reports no usage at all.",
  })
  usage(
    @Arg('accountIds', () => [ID], { description: `Account ids (at most ${MAX_USAGE_IDS}).` }) accountIds: string[],
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDate, { nullable: true, description: 'First day (UTC), inclusive.' }) from?: string | null,
    @Arg('to', () => LocalDate, { nullable: true, description: 'Last day (UTC), inclusive.' }) to?: string | null,
  ): Promise<Array<UsageRecord | Error | null>> {
    // An Error in a slot becomes that slot's null plus an error at its path (graphql-js completes list items so).
    return ctx.services.catalog.usage(accountIds, from ?? null, to ?? null);
  }

  @FieldResolver(() => ID, {
    description:
      'Stable id of this report (account and date range), so client caches normalise it instead of replacing it.',
  })
  id(@Root() usage: UsageRecord): string {
    const key = `UsageReport:${usage.provider}:${usage.accountNativeId}:${usage.from}:${usage.to}`;
    return Buffer.from(key, 'utf8').toString('base64url');
  }

  @FieldResolver(() => ID, { description: 'Id of the account measured.' })
  accountId(@Root() usage: UsageRecord): string {
    return encodeId('Account', usage.provider, usage.accountNativeId);
  }
}
