import { Arg, Authorized, Ctx, Mutation, Resolver, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SyncIssueRefInput, SyncProviderInput } from './sync.inputs.js';
import { SyncIssuePayload, SyncProviderPayload } from './sync.payloads.js';

/** Sync mutations: the sync admin service starts, queues, settles and journals; failures become userErrors. */
@Resolver()
export class SyncMutationResolver {
  @Authorized('operator')
  @Directive(INTERNAL)
  @Mutation(() => SyncProviderPayload, {
    description:
      'Sync one provider now, through the job queue. While a run of that provider is going, answers that run ' +
      '(`started: false`) rather than starting a second.',
  })
  syncProvider(
    @Arg('input', () => SyncProviderInput, { description: 'Mutation input.' }) input: SyncProviderInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncProviderPayload> {
    return withUserErrors<Omit<SyncProviderPayload, 'userErrors'>>({ run: null, started: false }, () =>
      ctx.services.sync.request(input.provider),
    );
  }

  @Authorized('operator')
  @Directive(INTERNAL)
  @Mutation(() => SyncIssuePayload, {
    description:
      "Accept the vendor's state of an orphan or a change into the directory and mirror. An entry already settled " +
      'answers as is; a GONE_AT_VENDOR entry cannot be adopted (forget it).',
  })
  adoptSyncIssue(
    @Arg('input', () => SyncIssueRefInput, { description: 'Mutation input.' }) input: SyncIssueRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncIssuePayload> {
    return withUserErrors<Omit<SyncIssuePayload, 'userErrors'>>({ issue: null }, async () => ({
      issue: await ctx.services.sync.adopt(input.id),
    }));
  }

  @Authorized('operator')
  @Directive(INTERNAL)
  @Mutation(() => SyncIssuePayload, {
    description:
      'GONE_AT_VENDOR: remove the account from the directory. Other kinds: acknowledge (nothing changes). An entry ' +
      'already settled answers as is.',
  })
  forgetSyncIssue(
    @Arg('input', () => SyncIssueRefInput, { description: 'Mutation input.' }) input: SyncIssueRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncIssuePayload> {
    return withUserErrors<Omit<SyncIssuePayload, 'userErrors'>>({ issue: null }, async () => ({
      issue: await ctx.services.sync.forget(input.id),
    }));
  }
}
