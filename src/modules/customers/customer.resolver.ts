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
import type { CustomerRecord, ProjectRecord } from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { ConnectionArguments } from '../../graphql/common/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { CustomerList } from './customers.service.js';
import type { AccountListResult } from '../accounts/index.js';
import { AccountConnection, STATUS_FIELDS } from '../accounts/account.type.js';
import { Project } from '../projects/project.type.js';
import { Customer, CustomerConnection } from './customer.type.js';

@Resolver(() => Customer)
export class CustomerResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAMP_SYNCED_AT })
  syncedAt(@Root() root: CustomerRecord & StampedRoot): string | null {
    return root.syncedAt ?? null;
  }

  @FieldResolver(() => DataSource, { description: STAMP_DATA_SOURCE })
  dataSource(@Root() root: CustomerRecord & StampedRoot): DataSource {
    return root.dataSource ?? 'LIVE';
  }

  @Directive(cost(COST.VENDOR_READ))
  @Query(() => Customer, { nullable: true, description: 'One customer by id; null when it does not exist.' })
  customer(
    @Arg('id', () => ID, { description: 'Customer id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerRecord | null> {
    return ctx.services.customers.byId(id);
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @Query(() => CustomerConnection, {
    nullable: true, // bad arguments (a provider without customers) null this field alone, never its siblings
    description:
      'Customers of one provider (VPNresellers has customers), or, without `provider`, the customers kept by this API. ' +
      "A provider's customers come from the store when its whole list was read within `maxAge` (a sync, or a " +
      'request that read it whole), else live (and written back); a failing provider is in `failures`.',
  })
  async customers(
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('provider', () => ProviderName, {
      nullable: true,
      description: 'Provider; omit for customers kept by this API.',
    })
    provider?: ProviderName | null,
    @Arg('maxAge', () => Int, { nullable: true, description: LIST_MAX_AGE_DESCRIPTION }) maxAge?: number | null,
  ): Promise<CustomerList> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    const result = await ctx.services.customers.list(args, provider ?? null, responsePathAsArray(info.path));
    // An answer with a gap (a provider failed) is never cached: no-store.
    if (result.failures.length > 0) hintMaxAge(info, 0);
    return result;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() customer: CustomerRecord): string {
    return encodeId('Customer', customer.provider ?? 'STORE', customer.nativeId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'First and last name joined.' })
  fullName(@Root() customer: CustomerRecord): string | null {
    const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
    return name.length > 0 ? name : null;
  }

  @Directive(cost(COST.VENDOR_READ))
  @FieldResolver(() => Project, { nullable: true, description: "The customer's project (VPNresellers)." })
  project(@Root() customer: CustomerRecord, @Ctx() ctx: GraphQLContext): Promise<ProjectRecord | null> | null {
    return ctx.services.customers.project(customer);
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => AccountConnection, { description: 'Accounts of this customer.' })
  accounts(
    @Root() customer: CustomerRecord,
    @Args() args: ConnectionArguments,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountListResult> {
    const id = encodeId('Customer', customer.provider ?? 'STORE', customer.nativeId);
    return ctx.services.accounts.list(
      args,
      { customerId: id },
      responsePathAsArray(info.path),
      nodesSelectAny(info, STATUS_FIELDS),
    );
  }
}
