import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root, Info } from 'type-graphql';
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { nodesSelectAny } from '../common/selection.js';
import type { CustomerRecord, ProjectRecord } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { ProviderName } from '../common/enums.js';
import { encodeId } from '../common/ids.js';
import { ConnectionArguments } from '../common/args.js';
import type { GraphQLContext } from '../context.js';
import type { Connection } from '../../services/pagination.js';
import type { AccountListResult } from '../../services/account-list.js';
import { AccountConnection, STATUS_FIELDS } from '../account/account.type.js';
import { CustomerConnection } from '../customer/customer.type.js';
import { Project, ProjectConnection } from './project.type.js';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by id; null when it does not exist.' })
  project(@Arg('id', () => ID, { description: 'Project id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<ProjectRecord | null> | null {
    const gid = ctx.services.decode(id, 'Project');
    if (gid.source === 'STORE') return null;
    return ctx.loaders.project.load({ provider: gid.source, nativeId: gid.nativeId });
  }

  @Query(() => ProjectConnection, { description: 'Projects of a provider (VPNresellers has projects).' })
  projects(
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Arg('provider', () => ProviderName, { nullable: true, defaultValue: ProviderName.VPNRESELLERS, description: 'Provider (default VPNRESELLERS).' })
    provider: ProviderName,
  ): Promise<Connection<ProjectRecord>> {
    const p = ctx.services.provider(provider);
    if (!p.features.projects) throw new InputError('provider', `${provider} has no projects.`);
    return ctx.services.offsetList(args, (offset, limit) => p.listProjects({ offset, limit }));
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() project: ProjectRecord): string {
    return encodeId('Project', project.provider, project.nativeId);
  }

  @FieldResolver(() => CustomerConnection, { description: 'Customers in this project.' })
  customers(@Root() project: ProjectRecord, @Args() args: ConnectionArguments, @Ctx() ctx: GraphQLContext): Promise<Connection<CustomerRecord>> {
    const p = ctx.services.provider(project.provider);
    return ctx.services.offsetList(args, (offset, limit) =>
      p.listCustomers({ offset, limit, filter: { projectNativeId: project.nativeId } }),
    );
  }

  @FieldResolver(() => AccountConnection, { description: 'Accounts of this project\'s customers.' })
  accounts(@Root() project: ProjectRecord, @Args() args: ConnectionArguments, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<AccountListResult> {
    return ctx.services.accounts(args, { projectId: encodeId('Project', project.provider, project.nativeId) }, responsePathAsArray(info.path), nodesSelectAny(info, STATUS_FIELDS));
  }
}
