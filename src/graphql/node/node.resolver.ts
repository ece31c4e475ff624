import { Arg, Ctx, ID, Query, Resolver, Directive } from 'type-graphql';
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
    @Ctx() ctx: GraphQLContext,
  ): Promise<object | null> {
    return ctx.services.nodes.node(id);
  }

  @Directive(cost(COST.VENDOR_READ))
  @Directive(listSize(100))
  @Query(() => [Node], {
    nullable: 'items',
    description: `Many objects by global id (at most ${MAX_NODES}), batched per provider.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<Array<object | null>> {
    return ctx.services.nodes.nodes(ids);
  }
}
