import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { InputError } from '../../domain/errors.js';
import type { UsageRecord } from '../../domain/records.js';
import { encodeId } from '../common/ids.js';
import { LocalDate } from '../common/scalars.js';
import type { GraphQLContext } from '../context.js';
import { usageRange } from '../account/account.resolver.js';
import { UsageReport } from './usage.type.js';

const MAX_USAGE_IDS = 500;

@Resolver(() => UsageReport)
export class UsageResolver {
  @Query(() => [UsageReport], {
    nullable: 'items',
    description:
      'Usage of many accounts over one date range, batched per provider (WLVPN: one bulk call). ' +
      'One slot per id, null where the provider reports no usage.',
  })
  async usage(
    @Arg('accountIds', () => [ID], { description: `Account ids (at most ${MAX_USAGE_IDS}).` }) accountIds: string[],
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDate, { nullable: true, description: 'First day (UTC), inclusive.' }) from?: string | null,
    @Arg('to', () => LocalDate, { nullable: true, description: 'Last day (UTC), inclusive.' }) to?: string | null,
  ): Promise<Array<UsageRecord | null>> {
    if (accountIds.length > MAX_USAGE_IDS) throw new InputError('accountIds', `At most ${MAX_USAGE_IDS} ids at once.`);
    const range = usageRange(from ?? null, to ?? null);
    const keys = accountIds.map((id, i) => {
      const gid = ctx.services.decode(id, 'Account', `accountIds[${i}]`);
      if (gid.source === 'STORE') throw new InputError('accountIds', `accountIds[${i}] is not a valid Account id.`);
      return { provider: gid.source, nativeId: gid.nativeId, ...range };
    });
    return Promise.all(
      keys.map((k) => (ctx.services.provider(k.provider).features.usage ? ctx.loaders.usage.load(k) : null)),
    );
  }

  @FieldResolver(() => ID, { description: 'Id of the account measured.' })
  accountId(@Root() usage: UsageRecord): string {
    return encodeId('Account', usage.provider, usage.accountNativeId);
  }
}
