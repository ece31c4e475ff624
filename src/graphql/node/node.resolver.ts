import { Arg, Ctx, Directive, ID, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { hintMaxAge, MAX_AGE_DESCRIPTION } from '../common/freshness.js';
import { COST, cost, listSize } from '../common/cost.js';
import { Node } from '../common/node.js';
import type { GraphQLContext } from '../context.js';

const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Directive(cost(COST.VENDOR_READ))
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(
    @Arg('id', () => ID, { description: 'Global id.' }) id: string,
    @Arg('maxAge', () => Int, { nullable: true, description: MAX_AGE_DESCRIPTION }) maxAge: number | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object | null> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    return ctx.services.nodes.node(id, maxAge);
  }

  @Directive(cost(COST.VENDOR_READ))
  @Directive(listSize(100))
  @Query(() => [Node], {
    nullable: 'itemsAndList', // too many or malformed ids null this field alone, never its siblings
    description: `Many objects by global id (at most ${MAX_NODES}), batched per provider.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[],
    @Arg('maxAge', () => Int, { nullable: true, description: MAX_AGE_DESCRIPTION }) maxAge: number | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Array<object | null>> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    return ctx.services.nodes.nodes(ids, maxAge);
  }
}
