import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver, Directive } from 'type-graphql';
import { forwardConnection } from '../../graphql/common/page.js';
import { COST, INTERNAL, cost } from '../../graphql/common/cost.js';
import { ErrorCode } from '../../domain/errors.js';
import type { WriteIntent as IntentRecord } from '../../core/store/intent-rows.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import {
  SettleIntentInput,
  SettleIntentPayload,
  WriteIntent,
  WriteIntentConnection,
  WriteIntentState,
} from './intent.type.js';

@Resolver(() => WriteIntent)
export class IntentResolver {
  @Authorized('operator')
  @Directive(cost(COST.STORE))
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  @Directive(INTERNAL)
  @Query(() => WriteIntentConnection, {
    nullable: true, // bad arguments or a failure null this field alone, never its siblings
    description:
      'Writes whose outcome nobody could settle (unknown, or pending with no live owner), oldest first: what an operator must look at (e.g. PureVPN creates whose answer was lost — PureVPN picks the username).',
  })
  async unresolvedIntents(
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size (at most 100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<WriteIntent>> {
    const page = await ctx.lifecycle.unresolvedIntents(first, after);
    return forwardConnection(page.items, toType, (item) => page.cursor(item), page, after);
  }
}

@Resolver()
export class IntentMutationResolver {
  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => SettleIntentPayload, {
    description:
      'Settle an unresolved intent by hand: APPLIED registers what the write made (the key then replays it), NOT_APPLIED lets the key run the write again. Journaled under your name.',
  })
  async settleIntent(
    @Arg('input', () => SettleIntentInput, { description: 'Mutation input.' }) input: SettleIntentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SettleIntentPayload> {
    const result = await ctx.lifecycle.settleIntent(input.intentId, input.outcome, input.nativeId);
    return { intent: result.intent ? toType(result.intent) : null, userErrors: result.userErrors };
  }
}

const CODES = new Set<string>(Object.values(ErrorCode));

function toType(i: IntentRecord): WriteIntent {
  return {
    id: i.id,
    provider: i.provider,
    operation: i.operation,
    state: i.state.toUpperCase() as WriteIntentState,
    attempt: i.attempt,
    username: i.username,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    lastError: i.lastErrorCode && CODES.has(i.lastErrorCode) ? (i.lastErrorCode as ErrorCode) : null,
  };
}
