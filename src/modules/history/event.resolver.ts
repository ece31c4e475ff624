import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { forwardConnection } from '../../graphql/common/page.js';
import { encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { StoredEvent } from '../../core/events/events.store.js';
import type { EventPage } from './history.service.js';
import { Account } from '../accounts/account.type.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { AccountEvent, AccountEventConnection, AccountEventFilter, type AccountEventKind } from './event.type.js';

@Resolver(() => Account)
export class AccountHistoryResolver {
  @FieldResolver(() => AccountEventConnection, { description: 'What happened to this account, newest first.' })
  async history(
    @Root() account: { provider: ProviderName; nativeId: string },
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size (at most 100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<AccountEvent>> {
    const page = await ctx.services.history.accountHistory(account, first, after);
    return toConnection(page, after);
  }
}

@Resolver(() => AccountEvent)
export class AccountEventResolver {
  @Query(() => AccountEventConnection, { description: 'Account events across providers, newest first.' })
  async accountEvents(
    @Arg('filter', () => AccountEventFilter, { nullable: true, description: 'Which events.' })
    filter: AccountEventFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size (at most 100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<AccountEvent>> {
    const page = await ctx.services.history.accountEvents(filter, first, after);
    return toConnection(page, after);
  }
}

export function eventId(id: string): string {
  return Buffer.from(`AccountEvent:STORE:${id}`).toString('base64url');
}

export function toAccountEvent(e: StoredEvent): AccountEvent {
  return {
    id: eventId(e.id),
    at: e.at,
    kind: e.kind as AccountEventKind,
    accountId: e.provider && e.nativeId ? encodeId('Account', e.provider, e.nativeId) : null,
    provider: e.provider,
    nativeId: e.nativeId,
    username: e.username,
    before: e.before,
    after: e.after,
    data: e.data,
    actor: e.actor,
  };
}

function toConnection(page: EventPage, after: string | null): ConnectionShape<AccountEvent> {
  return forwardConnection(
    page.items,
    toAccountEvent,
    (item) => page.cursor(item),
    { hasNextPage: page.hasNextPage },
    after,
  );
}
