import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forwardConnection } from '../../graphql/common/page.js';
import type { ErrorCode } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import { moveView } from './moves.service.js';
import type { MoveRecord } from './moves.store.js';
import { Account } from '../accounts/account.type.js';
import { toUserErrors, withUserErrors } from '../../graphql/common/errors.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import {
  AccountMove,
  AccountMoveConnection,
  AccountMoveFilter,
  AccountMovePasswordPayload,
  AccountMovePayload,
  AccountMoveRefInput,
  AccountMoveStatus,
  MoveAccountInput,
  MoveSourceAction,
  type AccountMoveStepName,
  type AccountMoveStepStatus,
} from './move.type.js';

@Resolver(() => AccountMove)
export class MoveResolver {
  @Authorized('operator')
  @Query(() => AccountMove, { nullable: true, description: 'An account move by id (also `node(id)`).' })
  async accountMove(
    @Arg('id', () => ID, { description: 'Account move id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountMove | null> {
    const move = await ctx.services.moves.get(id);
    return move ? toMove(move) : null;
  }

  @Authorized('operator')
  @Query(() => AccountMoveConnection, {
    description: 'Account moves, newest first (operators: `statuses: [NEEDS_ATTENTION]` lists what needs them).',
  })
  async accountMoves(
    @Arg('filter', () => AccountMoveFilter, { nullable: true, description: 'Which moves.' })
    filter: AccountMoveFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size (at most 100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<AccountMove>> {
    const page = await ctx.services.moves.list(filter, first, after);
    return forwardConnection(page.moves, toMove, (m) => page.cursor(m), page, after);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The source account (null once deleted).' })
  source(@Root() move: AccountMove, @Ctx() ctx: GraphQLContext): Promise<object | null> {
    return account(ctx, move.sourceAccountId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The target account, once created.' })
  target(@Root() move: AccountMove, @Ctx() ctx: GraphQLContext): Promise<object | null> {
    return move.targetAccountId ? account(ctx, move.targetAccountId) : Promise.resolve(null);
  }

  @Authorized('operator')
  @Mutation(() => AccountMovePayload, {
    description:
      'Moves an account to another provider on the background worker: create at the target with the time left (rounded up to what the target sells), retire the source, re-point the customer. Poll the move (`node(id)`) until COMPLETED, FAILED or NEEDS_ATTENTION.',
  })
  moveAccount(
    @Arg('input', () => MoveAccountInput, { description: 'Mutation input.' }) input: MoveAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountMovePayload> {
    return withUserErrors<{ accountMove: AccountMove | null }>({ accountMove: null }, async () => ({
      accountMove: toMove(await ctx.services.moves.start(input)),
    }));
  }

  @Authorized('operator')
  @Mutation(() => AccountMovePayload, { description: 'Operators: runs a NEEDS_ATTENTION move again from its step.' })
  retryAccountMove(
    @Arg('input', () => AccountMoveRefInput, { description: 'Mutation input.' }) input: AccountMoveRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountMovePayload> {
    return withUserErrors<{ accountMove: AccountMove | null }>({ accountMove: null }, async () => ({
      accountMove: toMove(await ctx.services.moves.retry(input.id)),
    }));
  }

  @Authorized('operator')
  @Mutation(() => AccountMovePasswordPayload, {
    description:
      "The moved account's password, once: a fresh one is set at the target and answered to the first caller.",
  })
  async takeAccountMovePassword(
    @Arg('input', () => AccountMoveRefInput, { description: 'Mutation input.' }) input: AccountMoveRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountMovePasswordPayload> {
    try {
      const out = await ctx.services.moves.takePassword(input.id);
      return {
        accountMove: out.move ? toMove(out.move) : null,
        password: out.password ?? null,
        userErrors: out.userErrors,
      };
    } catch (error) {
      return { accountMove: null, password: null, userErrors: toUserErrors(error) };
    }
  }
}

async function account(ctx: GraphQLContext, id: string): Promise<object | null> {
  const gid = decodeId(id);
  if (!gid || gid.source === 'STORE') return null;
  return ctx.services.accounts.entity({ provider: gid.source, nativeId: gid.nativeId });
}

export function toMove(m: MoveRecord): AccountMove {
  const v = moveView(m);
  return {
    ...v,
    status: v.status as AccountMoveStatus,
    sourceAction: v.sourceAction as MoveSourceAction,
    steps: v.steps.map((s) => ({
      ...s,
      name: s.name as AccountMoveStepName,
      status: s.status as AccountMoveStepStatus,
    })),
    lastError: v.lastError ? { ...v.lastError, code: v.lastError.code as ErrorCode } : null,
  };
}
