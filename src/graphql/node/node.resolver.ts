import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { InputError } from '../../domain/errors.js';
import { decodeId, type GlobalId } from '../common/ids.js';
import { Node } from '../common/node.js';
import type { GraphQLContext } from '../context.js';

const MAX_NODES = 100;

/** Loads any entity by global id through the request's loaders; the result carries its __typename. */
export async function loadNode(gid: GlobalId, ctx: GraphQLContext): Promise<object | null> {
  const { loaders } = ctx;
  const provider = gid.source === 'STORE' ? null : gid.source;
  let value: object | null = null;
  switch (gid.type) {
    case 'Account':
      value = provider ? await ctx.services.accountEntity({ provider, nativeId: gid.nativeId }) : null;
      break;
    case 'Customer':
      value = await loaders.customer.load({ provider, nativeId: gid.nativeId });
      break;
    case 'Project':
      value = provider ? await loaders.project.load({ provider, nativeId: gid.nativeId }) : null;
      break;
    case 'Plan':
      value = provider ? ((await loaders.plans.load(provider)).find((p) => p.nativeId === gid.nativeId) ?? null) : null;
      break;
    case 'Server':
      value = provider ? ((await loaders.servers.load(provider)).find((s) => s.nativeId === gid.nativeId) ?? null) : null;
      break;
  }
  return value ? { ...value, __typename: gid.type } : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<object | null> {
    const gid = decodeId(id);
    if (!gid) throw new InputError('id', '`id` is not a valid id.');
    return loadNode(gid, ctx);
  }

  @Query(() => [Node], { nullable: 'items', description: `Many objects by global id (at most ${MAX_NODES}), batched per provider.` })
  nodes(@Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[], @Ctx() ctx: GraphQLContext): Promise<Array<object | null>> {
    if (ids.length > MAX_NODES) throw new InputError('ids', `At most ${MAX_NODES} ids at once.`);
    const gids = ids.map((id, i) => {
      const gid = decodeId(id);
      if (!gid) throw new InputError('ids', `ids[${i}] is not a valid id.`);
      return gid;
    });
    return Promise.all(gids.map((gid) => loadNode(gid, ctx)));
  }
}
