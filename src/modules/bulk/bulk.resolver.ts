import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Directive } from 'type-graphql';
import { forwardConnection } from '../../graphql/common/page.js';
import { INTERNAL } from '../../graphql/common/cost.js';
import type { BulkItemRecord, BulkOperationRecord } from './bulk.rows.js';
import { bulkOperationView } from './bulk.service.js';
import type { ErrorCode } from '../../domain/errors.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import {
  BulkAction,
  BulkItem,
  BulkItemConnection,
  BulkItemStatus,
  BulkOperation,
  BulkOperationPayload,
  BulkOperationRefInput,
  BulkOperationStatus,
  StartBulkAccountOperationInput,
} from './bulk.type.js';

@Resolver(() => BulkOperation)
export class BulkResolver {
  @Authorized('operator')
  @Directive(INTERNAL)
  @Query(() => BulkOperation, { nullable: true, description: 'A bulk operation by id.' })
  async bulkOperation(
    @Arg('id', () => ID, { description: 'Bulk operation id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BulkOperation | null> {
    const op = await ctx.services.bulk.get(id);
    return op ? toOperation(op) : null;
  }

  @FieldResolver(() => BulkItemConnection, { description: 'Items in selection order.' })
  async items(
    @Root() op: BulkOperation,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size (at most 1000).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Arg('statuses', () => [BulkItemStatus], { nullable: true, description: 'Only these states.' })
    statuses: BulkItemStatus[] | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<BulkItem>> {
    const page = await ctx.services.bulk.items(op.rawId, statuses, first, after);
    return forwardConnection(
      page.items,
      toItem,
      (item) => Buffer.from(`bi:${item.seq}`).toString('base64url'),
      { hasNextPage: page.hasNextPage },
      after,
    );
  }

  @Directive(INTERNAL)
  @Mutation(() => BulkOperationPayload, {
    description:
      'Queues one action over many accounts (at most 10,000); watch it with `bulkOperation` or the BULK_OPERATION_FINISHED webhook.',
  })
  startBulkAccountOperation(
    @Arg('input', () => StartBulkAccountOperationInput, { description: 'Mutation input.' })
    input: StartBulkAccountOperationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BulkOperationPayload> {
    return withUserErrors<{ bulkOperation: BulkOperation | null }>({ bulkOperation: null }, async () => ({
      bulkOperation: toOperation(await ctx.services.bulk.start(input)),
    }));
  }

  @Directive(INTERNAL)
  @Mutation(() => BulkOperationPayload, { description: 'Stops a bulk operation; items not started are CANCELLED.' })
  cancelBulkOperation(
    @Arg('input', () => BulkOperationRefInput, { description: 'Mutation input.' }) input: BulkOperationRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BulkOperationPayload> {
    return withUserErrors<{ bulkOperation: BulkOperation | null }>({ bulkOperation: null }, async () => ({
      bulkOperation: toOperation(await ctx.services.bulk.cancel(input.id)),
    }));
  }
}

export function toOperation(op: BulkOperationRecord): BulkOperation {
  const view = bulkOperationView(op);
  return { ...view, action: view.action as BulkAction, status: view.status as BulkOperationStatus };
}

function toItem(i: BulkItemRecord): BulkItem {
  return {
    index: i.seq,
    accountId: i.accountId,
    provider: i.provider,
    status: i.status as BulkItemStatus,
    attempts: i.attempts,
    userErrors: i.error ? [{ field: i.error.field, message: i.error.message, code: i.error.code as ErrorCode }] : [],
  };
}
