import { GraphQLError } from 'graphql';
import { Arg, Directive, ID, Resolver, Root, Subscription } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import type { SubscribeResolverData } from 'type-graphql';
import { decodeAccountId } from '../../domain/ids.js';
import { InputError } from '../../domain/errors.js';
import { LiveStream, serialRunner } from '../../lib/live-stream.js';
import type { StoredEvent } from '../../core/events/events.store.js';
import { BulkOperation } from '../bulk/bulk.type.js';
import { toOperation } from '../bulk/bulk.resolver.js';
import { SyncRun } from '../sync/sync.type.js';
import { AccountEvent, AccountEventFilter } from '../history/event.type.js';
import { toAccountEvent } from '../history/event.resolver.js';
import type { GraphQLContext, LiveContext } from '../../graphql/context.js';

/**
 * Subscriptions (graphql-ws on /graphql; see src/main/ws.ts). Each one is woken by the database's change
 * notifications (services/live.ts) and reads the current state through the services with a fresh context, so
 * what it sends follows the same authorisation and scope rules as the matching query.
 */

const BULK_DONE = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const SYNC_DONE = new Set(['SUCCEEDED', 'FAILED']);

type Data = SubscribeResolverData<unknown, Record<string, unknown>, GraphQLContext>;

function liveOf(ctx: GraphQLContext): LiveContext {
  if (!ctx.live) throw new GraphQLError('Subscriptions are served over graphql-ws (WebSocket) on /graphql.');
  return ctx.live;
}

function requireOperator(ctx: GraphQLContext): void {
  if (ctx.viewer.roles.has('operator')) return;
  throw new GraphQLError('Access denied: your role does not allow this.', { extensions: { code: 'FORBIDDEN' } });
}

/** Domain errors keep their code over WebSocket as over HTTP (the socket formats them like formatError). */
async function orGraphQLError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof InputError) {
      throw new GraphQLError(error.message, { extensions: { code: error.code }, originalError: error });
    }
    throw error;
  }
}

/**
 * A row watched to its end: the current state at once, then every change of what `view` shows, until `done`.
 * The listener is in place before the first read, so no change between the two is missed.
 */
function watchRow<T>(
  live: LiveContext,
  kind: 'b' | 's',
  rowId: string,
  read: (ctx: GraphQLContext) => Promise<T | null>,
  done: (value: T) => boolean,
): AsyncIterableIterator<T> {
  const stream = new LiveStream<T>();
  let last: string | undefined;
  const wake = serialRunner(
    async () => {
      if (stream.closed) return;
      const value = await read(live.fresh());
      if (value === null) return stream.end(new GraphQLError('It no longer exists.'));
      const key = JSON.stringify(value);
      if (key !== last) {
        last = key;
        stream.push(value);
      }
      if (done(value)) stream.end();
    },
    (error) => stream.end(error),
  );
  stream.onEnd(live.hub.onRow(kind, rowId, wake));
  wake();
  return stream;
}

@Resolver()
export class LiveResolver {
  @Directive(INTERNAL)
  @Subscription(() => BulkOperation, {
    description:
      'A bulk operation as it progresses: its state at once, then after every change (counts, status), ' +
      'completing once it is COMPLETED, FAILED or CANCELLED. Operators (a sub-reseller: the MOVE operations of ' +
      'its scope), like `bulkOperation`.',
    subscribe: async ({ args, context }: Data) => {
      const live = liveOf(context);
      requireOperator(context);
      const id = String(args.id);
      const first = await orGraphQLError(() => context.services.bulk.get(id));
      if (!first) throw new GraphQLError('No such bulk operation.', { extensions: { code: 'NOT_FOUND' } });
      return watchRow(
        live,
        'b',
        first.id,
        async (ctx) => {
          const op = await ctx.services.bulk.get(id);
          return op ? toOperation(op) : null;
        },
        (op) => BULK_DONE.has(op.status),
      );
    },
  })
  bulkOperationUpdated(
    @Arg('id', () => ID, { description: 'Bulk operation id.' }) _id: string,
    @Root() operation: BulkOperation,
  ): BulkOperation {
    return operation;
  }

  @Directive(INTERNAL)
  @Subscription(() => SyncRun, {
    description:
      'A sync run as it progresses: its state at once, then after every change, completing once it SUCCEEDED ' +
      'or FAILED. Unscoped operators only, like `syncRun`.',
    subscribe: async ({ args, context }: Data) => {
      const live = liveOf(context);
      requireOperator(context);
      const id = String(args.id);
      const first = await orGraphQLError(() => context.services.sync.run(id));
      if (!first) throw new GraphQLError('No such sync run.', { extensions: { code: 'NOT_FOUND' } });
      return watchRow(
        live,
        's',
        first.id,
        (ctx) => ctx.services.sync.run(id),
        (run) => SYNC_DONE.has(run.status),
      );
    },
  })
  syncRunUpdated(@Arg('id', () => ID, { description: 'SyncRun id.' }) _id: string, @Root() run: SyncRun): SyncRun {
    return run;
  }

  @Subscription(() => AccountEvent, {
    description:
      'Account events as they are recorded (from now on; the `accountEvents` query has the past). Same filter ' +
      'as the query (`since` is ignored). A scoped credential (customer, reseller) receives the events of its ' +
      'own accounts only.',
    subscribe: async ({ args, context }: Data) => {
      const live = liveOf(context);
      const filter: AccountEventFilter | null = args.filter ?? null;
      let account: { provider: string; nativeId: string } | null = null;
      if (filter?.accountId) {
        account = decodeAccountId(filter.accountId);
        if (!account) {
          throw new GraphQLError('`accountId` is not a valid Account id.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'filter.accountId' },
          });
        }
      }
      const kinds = filter?.kinds?.length ? new Set<string>(filter.kinds) : null;
      const providers = filter?.providers?.length ? new Set<string>(filter.providers) : null;
      const matches = (e: StoredEvent): boolean =>
        e.provider !== null &&
        (!kinds || kinds.has(e.kind)) &&
        (!providers || providers.has(e.provider)) &&
        (!account || (account.provider === e.provider && account.nativeId === e.nativeId));
      const stream = new LiveStream<AccountEvent>();
      const queue: string[][] = [];
      const wake = serialRunner(
        async () => {
          while (queue.length > 0 && !stream.closed) {
            const ids = queue.shift()!;
            // byIds answers null for an event outside the caller's scope, as the query does
            const events = await live.fresh().services.history.byIds(ids);
            for (const e of events) if (e && matches(e)) stream.push(toAccountEvent(e));
          }
        },
        (error) => stream.end(error),
      );
      stream.onEnd(
        live.hub.onEvents((ids) => {
          queue.push(ids);
          wake();
        }),
      );
      return stream;
    },
  })
  accountEvents(
    @Arg('filter', () => AccountEventFilter, { nullable: true, description: 'Which events.' })
    _filter: AccountEventFilter | null,
    @Root() event: AccountEvent,
  ): AccountEvent {
    return event;
  }
}
