import {
  DataSource,
  hintMaxAge,
  LIST_MAX_AGE_DESCRIPTION,
  STAMP_DATA_SOURCE,
  STAMP_SYNCED_AT,
  type StampedRoot,
} from '../../graphql/common/freshness.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Info, Directive } from 'type-graphql';
import { COST, CONNECTION_SIZE, cost } from '../../graphql/common/cost.js';
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { nodesSelectAny } from '../../graphql/common/selection.js';
import type { ProjectRecord } from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { ConnectionArguments } from '../../graphql/common/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { CustomerList } from '../customers/index.js';
import type { ProjectList } from './projects.service.js';
import type { AccountListResult } from '../accounts/index.js';
import { AccountConnection, STATUS_FIELDS } from '../accounts/account.type.js';
import { CustomerConnection } from '../customers/customer.type.js';
import { Project, ProjectConnection } from './project.type.js';

@Resolver(() => Project)
export class ProjectResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAMP_SYNCED_AT })
  syncedAt(@Root() root: ProjectRecord & StampedRoot): string | null {
    return root.syncedAt ?? null;
  }

  @FieldResolver(() => DataSource, { description: STAMP_DATA_SOURCE })
  dataSource(@Root() root: ProjectRecord & StampedRoot): DataSource {
    return root.dataSource ?? 'LIVE';
  }

  @Directive(cost(COST.VENDOR_READ))
  @Query(() => Project, { nullable: true, description: 'One project by id; null when it does not exist.' })
  project(
    @Arg('id', () => ID, { description: 'Project id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProjectRecord | null> | null {
    return ctx.services.projects.byId(id);
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @Query(() => ProjectConnection, {
    nullable: true, // bad arguments or a failure null this field alone, never its siblings
    description:
      'Projects of a provider (VPNresellers has projects); without `provider`, of every provider that has projects. ' +
      "A provider's projects come from the store when its whole list was read within `maxAge`, else live (and " +
      'written back); a failing provider is in `failures`.',
  })
  async projects(
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('provider', () => ProviderName, {
      nullable: true,
      description: 'Provider; omit for every provider that has projects.',
    })
    provider?: ProviderName | null,
    @Arg('maxAge', () => Int, { nullable: true, description: LIST_MAX_AGE_DESCRIPTION }) maxAge?: number | null,
  ): Promise<ProjectList> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    const result = await ctx.services.projects.list(args, provider ?? null, responsePathAsArray(info.path));
    if (result.failures.length > 0) hintMaxAge(info, 0);
    return result;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() project: ProjectRecord): string {
    return encodeId('Project', project.provider, project.nativeId);
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => CustomerConnection, {
    description:
      "Customers in this project: from the store when its provider's whole customer list was read within the " +
      "request's `maxAge`, else live; a failing provider is in `failures`.",
  })
  async customers(
    @Root() project: ProjectRecord,
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerList> {
    const result = await ctx.services.projects.customers(project, args, responsePathAsArray(info.path));
    if (result.failures.length > 0) hintMaxAge(info, 0);
    return result;
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => AccountConnection, { description: "Accounts of this project's customers." })
  accounts(
    @Root() project: ProjectRecord,
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountListResult> {
    return ctx.services.accounts.list(
      args,
      { projectId: encodeId('Project', project.provider, project.nativeId) },
      responsePathAsArray(info.path),
      nodesSelectAny(info, STATUS_FIELDS),
    );
  }
}
