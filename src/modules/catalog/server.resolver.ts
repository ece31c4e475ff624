import {
  CATALOG_MAX_AGE_DESCRIPTION,
  DataSource,
  STAMP_DATA_SOURCE,
  type StampedRoot,
} from '../../graphql/common/freshness.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Int, ID, Directive } from 'type-graphql';
import { COST, cost, listSize } from '../../graphql/common/cost.js';
import type { ServerRecord } from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Server } from './server.type.js';
import { ServerFilter } from './server.inputs.js';

@Resolver(() => Server)
export class ServerResolver {
  @FieldResolver(() => DateTime, {
    nullable: true,
    description:
      "When the vendor last confirmed the provider's server list this server is part of (it is read whole; a live read: " +
      'when it answered). Null when unknown.',
  })
  syncedAt(@Root() root: ServerRecord & StampedRoot): string | null {
    return root.syncedAt ?? null;
  }

  @FieldResolver(() => DataSource, { description: STAMP_DATA_SOURCE })
  dataSource(@Root() root: ServerRecord & StampedRoot): DataSource {
    return root.dataSource ?? 'LIVE';
  }

  @Directive(cost(COST.CATALOG))
  @Directive(listSize(500))
  @Query(() => [Server], {
    nullable: true, // bad arguments or a failure null this field alone, never its siblings
    description:
      "Servers of every provider (cached, and no older than `maxAge`). A failing provider's servers are missing and reported in `errors`.",
  })
  servers(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ServerFilter, { nullable: true, description: 'Conditions on the servers.' })
    filter?: ServerFilter | null,
    @Arg('maxAge', () => Int, { nullable: true, description: CATALOG_MAX_AGE_DESCRIPTION }) maxAge?: number | null,
  ): Promise<ServerRecord[]> {
    return ctx.services.catalog.servers(filter ?? null, ['servers'], maxAge);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() server: ServerRecord): string {
    return encodeId('Server', server.provider, server.nativeId);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Current load, 0 (idle) to 100 (full), when reported.' })
  load(@Root() server: ServerRecord): number | null {
    return server.capacity;
  }
}
