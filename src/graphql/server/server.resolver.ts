import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Int, ID } from 'type-graphql';
import type { ServerRecord } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { encodeId } from '../common/ids.js';
import type { GraphQLContext } from '../context.js';
import { Server } from './server.type.js';
import { ServerFilter } from './server.inputs.js';
import { PROVIDER_ORDER } from '../../domain/provider.js';

@Resolver(() => Server)
export class ServerResolver {
  @Query(() => [Server], {
    description: 'Servers of every provider (cached). A failing provider\'s servers are missing and reported in `errors`.',
  })
  async servers(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ServerFilter, { nullable: true, description: 'Conditions on the servers.' }) filter?: ServerFilter | null,
  ): Promise<ServerRecord[]> {
    const codes = filter?.countryCodes?.map((c) => c.toUpperCase());
    if (codes?.some((c) => !/^[A-Z]{2}$/.test(c))) {
      throw new InputError('countryCodes', 'Country codes are two letters (ISO 3166-1 alpha-2).');
    }
    const names = filter?.providers?.length ? PROVIDER_ORDER.filter((p) => filter.providers?.includes(p)) : PROVIDER_ORDER;
    const lists = await ctx.loaders.servers.loadMany(names);
    const out: ServerRecord[] = [];
    lists.forEach((list, i) => {
      if (list instanceof Error) {
        ctx.services.reportPartial(list, ['servers'], names[i]);
        return;
      }
      out.push(...(codes ? list.filter((s) => s.countryCode !== null && codes.includes(s.countryCode)) : list));
    });
    return out;
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
