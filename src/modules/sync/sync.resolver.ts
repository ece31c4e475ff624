import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import type { Connection } from '../../core/pagination.js';
import type { SyncIssue as SyncIssueRecord, SyncRun as SyncRunRecord } from '../../domain/sync-log-records.js';
import { Account } from '../accounts/account.type.js';
import { ConnectionArguments } from '../../graphql/common/args.js';
import { ProviderName } from '../../graphql/common/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SyncIssueFilter } from './sync.inputs.js';
import {
  SyncIssue,
  SyncIssueConnection,
  SyncIssueResolution,
  SyncRun,
  SyncRunConnection,
  SyncRunError,
} from './sync.type.js';

/** Sync runs and drift: operators and admins only. */
@Resolver(() => SyncRun)
export class SyncRunResolver {
  @Authorized('operator')
  @Directive(INTERNAL)
  @Query(() => SyncRun, { nullable: true, description: 'One sync run by id; null when it does not exist.' })
  syncRun(
    @Arg('id', () => ID, { description: 'SyncRun id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRunRecord | null> {
    return ctx.services.sync.run(id);
  }

  @Authorized('operator')
  @Directive(INTERNAL)
  @Query(() => SyncRunConnection, { description: 'Sync runs, newest first (scheduled and on demand).' })
  syncRuns(
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Arg('provider', () => ProviderName, { nullable: true, description: 'Only this provider.' })
    provider?: ProviderName | null,
  ): Promise<Connection<SyncRunRecord>> {
    return ctx.services.sync.runs(args, provider ?? null);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() run: SyncRunRecord): string {
    return encodeId('SyncRun', run.provider, run.id);
  }

  @FieldResolver(() => SyncRunError, { nullable: true, description: 'Why the run failed; null unless FAILED.' })
  error(@Root() run: SyncRunRecord): SyncRunError | null {
    return run.errorCode ? { code: run.errorCode, message: run.errorMessage ?? run.errorCode } : null;
  }
}

@Resolver(() => SyncIssue)
export class SyncIssueResolver {
  @Authorized('operator')
  @Directive(INTERNAL)
  @Query(() => SyncIssue, { nullable: true, description: 'One drift entry by id; null when it does not exist.' })
  syncIssue(
    @Arg('id', () => ID, { description: 'SyncIssue id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncIssueRecord | null> {
    return ctx.services.sync.issue(id);
  }

  @Authorized('operator')
  @Directive(INTERNAL)
  @Query(() => SyncIssueConnection, {
    description:
      'Drift found by syncs, newest first (open entries unless `includeResolved`). The drift report has a fourth ' +
      'list: writes whose outcome nobody could settle are in `unresolvedIntents`.',
  })
  syncIssues(
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => SyncIssueFilter, { nullable: true, description: 'Providers, kinds, settled ones too.' })
    filter?: SyncIssueFilter | null,
  ): Promise<Connection<SyncIssueRecord>> {
    return ctx.services.sync.issues(args, filter ?? null);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() issue: SyncIssueRecord): string {
    return encodeId('SyncIssue', issue.provider, issue.id);
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: 'The account as the graph reads it now; null when the vendor no longer has it.',
  })
  account(@Root() issue: SyncIssueRecord, @Ctx() ctx: GraphQLContext): Promise<AccountRecord | null> {
    return ctx.services.sync.account(issue);
  }

  @FieldResolver(() => SyncIssueResolution, { nullable: true, description: 'How it was settled; null while open.' })
  resolution(@Root() issue: SyncIssueRecord): SyncIssueResolution | null {
    const value = issue.resolution as SyncIssueResolution | null;
    return value && Object.values(SyncIssueResolution).includes(value) ? value : null;
  }
}
