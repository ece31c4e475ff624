import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Info,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { COST, CONNECTION_SIZE, INTERNAL, cost, listSize } from '../../graphql/common/cost.js';
import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type {
  AccountRecord,
  IncompleteField,
  ConnectionConfigRecord,
  CustomerRecord,
  PlanRecord,
  ServerRecord,
  UsageRecord,
  ProjectRecord,
} from '../../domain/records.js';
import { encodeId } from '../../domain/ids.js';
import { AccountOperation, ProviderName } from '../../graphql/common/enums.js';
import { ConnectionArguments } from '../../graphql/common/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Customer } from '../customers/customer.type.js';
import { Plan } from '../catalog/plan.type.js';
import { Project } from '../projects/project.type.js';
import { ConnectionConfig, Server } from '../catalog/server.type.js';
import { UsageReport } from '../usage/usage.type.js';
import { DateTime, LocalDate } from '../../graphql/common/scalars.js';
import { Account, AccountConfirmations, AccountConnection, STATUS_FIELDS, WireGuardInfo } from './account.type.js';
import type { Confirmations } from '../../core/mirror/mirror-rows.js';
import { AccountFilter, AccountOrder } from './account.inputs.js';
import {
  connectionFields,
  connectionNodeFields,
  nodesSelectAny,
  selectedFields,
  siblingFields,
} from '../../graphql/common/selection.js';
import { groupsOf } from '../../core/mirror/field-groups.js';
import type { AccountListResult } from './account-list.service.js';
import type { ServedAccount } from '../../core/loaders/mirror-loaders.js';
import { DataSource, hintMaxAge, MAX_AGE_DESCRIPTION } from '../../graphql/common/freshness.js';

@Resolver(() => Account)
export class AccountResolver {
  @Directive(cost(COST.VENDOR_READ))
  @Query(() => Account, { nullable: true, description: 'One account by id; null when it does not exist.' })
  account(
    @Arg('id', () => ID, { description: 'Account id.' }) id: string,
    @Arg('maxAge', () => Int, { nullable: true, description: MAX_AGE_DESCRIPTION }) maxAge: number | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountRecord | null> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    // Served from the mirror when the field groups the answer shows are fresh (as a list judges its rows).
    return ctx.services.accounts.byId(id, 'id', maxAge, groupsOf(selectedFields(info)));
  }

  @Directive(cost(COST.VENDOR_READ))
  @Query(() => Account, {
    nullable: true,
    description: 'One account by provider and VPN username; null when it does not exist.',
  })
  accountByUsername(
    @Arg('provider', () => ProviderName, { description: 'Provider holding the account.' }) provider: ProviderName,
    @Arg('username', { description: 'VPN username.' }) username: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountRecord | null> {
    return ctx.services.accounts.byUsername(provider, username);
  }

  @Directive(cost(COST.VENDOR_LIST))
  @Directive(CONNECTION_SIZE)
  @Query(() => AccountConnection, {
    nullable: true, // bad arguments or a failure null this field alone, never its siblings
    description:
      'Accounts across all providers as one Relay connection. Served by the mirror (SQL keyset pages, exact ' +
      '`totalCount`) when `orderBy` or a mirror-only condition (`expiresBefore`, `expiresAfter`, `search`, ' +
      '`staleBefore`) is given, when the cursor is a mirror cursor, or when every provider in scope is mirrored ' +
      'younger than `maxAge`; rows older than `maxAge` are then read live (one batch per provider) before the ' +
      'answer, and a provider the mirror does not wholly hold is listed live or reported as MIRROR_INCOMPLETE ' +
      '(in `failures`, answer not cached). Scoped credentials always get this engine, their scope as a condition. ' +
      "Otherwise read live: position in each provider's own list, then provider (PUREWL, VPNRESELLERS, " +
      'WLVPN, PUREVPN), interleaved. Cursors of one kind are refused by the other. A failing provider is ' +
      'skipped, listed in `failures` and reported in `errors`.',
  })
  async accounts(
    @Args() args: ConnectionArguments,
    @Arg('filter', () => AccountFilter, { nullable: true, description: 'Conditions on the accounts.' })
    filter: AccountFilter | null,
    @Arg('orderBy', () => AccountOrder, {
      nullable: true,
      description: 'Sort order (mirror-served; default without it: live order, or USERNAME ASC from the mirror).',
    })
    orderBy: AccountOrder | null,
    @Arg('maxAge', () => Int, { nullable: true, description: MAX_AGE_DESCRIPTION }) maxAge: number | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountListResult> {
    hintMaxAge(info, ctx.services.accounts.allowedAge(maxAge));
    const fields = connectionNodeFields(info);
    const result = await ctx.services.accounts.list(
      args,
      filter,
      responsePathAsArray(info.path),
      nodesSelectAny(info, STATUS_FIELDS),
      { orderBy, maxAge, groups: groupsOf(fields), fields, countTotal: connectionFields(info).has('totalCount') },
    );
    // An answer with a gap (a provider failed or is not wholly in the mirror) is never cached: no-store.
    if (result.failures.length > 0) hintMaxAge(info, 0);
    return result;
  }

  @FieldResolver(() => DateTime, {
    nullable: true,
    description:
      'When the vendor last confirmed the state shown: the oldest confirmation of the field groups the answer ' +
      'selects (all of them when it selects none; see `confirmedAt`). For a live read: when it answered. Never ' +
      'later than the answer; null when no read has confirmed it.',
  })
  async syncedAt(
    @Root() account: ServedAccount,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    const siblings = siblingFields(info);
    const withLinks = siblings.has('customer') || siblings.has('project');
    const path = responsePathAsArray(info.path);
    return (await ctx.services.accounts.freshness(account, path, withLinks, groupsOf(siblings))).syncedAt;
  }

  @FieldResolver(() => AccountConfirmations, {
    description:
      'When the vendor last confirmed each group of fields (status, expiry, plan, bandwidth, customer link). ' +
      '`syncedAt` is the oldest of those the answer shows.',
  })
  async confirmedAt(
    @Root() account: ServedAccount,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Confirmations> {
    const full = account.incomplete?.includes('status')
      ? await ctx.services.accounts.complete(account, 'status', responsePathAsArray(info.path))
      : account;
    const siblings = siblingFields(info);
    const withLinks = siblings.has('customer') || siblings.has('project');
    return ctx.services.accounts.confirmedAt(full, responsePathAsArray(info.path), withLinks);
  }

  @FieldResolver(() => DataSource, { description: 'Where the state shown came from: the mirror or a live read.' })
  async dataSource(
    @Root() account: ServedAccount,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DataSource> {
    return (await ctx.services.accounts.freshness(account, responsePathAsArray(info.path))).dataSource;
  }

  // Declared on the type; resolved here so a list row with gaps (`incomplete`) is completed when asked.
  @FieldResolver()
  async status(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountRecord['status']> {
    return (await complete(ctx, account, 'status', info)).status;
  }

  @FieldResolver()
  async providerStatus(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    if (ctx.services.scope.hidesVendorDetail) return null;
    return (await complete(ctx, account, 'providerStatus', info)).providerStatus;
  }

  @FieldResolver()
  async expiresAt(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    return (await complete(ctx, account, 'expiresAt', info)).expiresAt;
  }

  @FieldResolver()
  async metadata(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountRecord['metadata']> {
    if (ctx.services.scope.hidesVendorDetail) return null;
    return (await complete(ctx, account, 'metadata', info)).metadata;
  }

  @FieldResolver()
  async plans(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountRecord['plans']> {
    return (await complete(ctx, account, 'plans', info)).plans;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() account: AccountRecord): string {
    return encodeId('Account', account.provider, account.nativeId);
  }

  @FieldResolver(() => [AccountOperation], {
    description: "Lifecycle operations this account's provider supports (hide the other buttons).",
  })
  capabilities(@Root() account: AccountRecord, @Ctx() ctx: GraphQLContext): AccountOperation[] {
    return ctx.services.accounts.capabilities(account);
  }

  @Directive(cost(COST.VENDOR_READ))
  @FieldResolver(() => Customer, { nullable: true, description: 'The customer the account belongs to.' })
  customer(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerRecord | null> {
    return ctx.services.accounts.customer(account, responsePathAsArray(info.path));
  }

  @Directive(cost(COST.VENDOR_READ))
  @FieldResolver(() => Project, {
    nullable: true,
    description: "The project of the account's customer (VPNresellers).",
  })
  project(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectRecord | null> {
    return ctx.services.accounts.project(account, responsePathAsArray(info.path));
  }

  @Directive(cost(COST.CATALOG))
  @FieldResolver(() => Plan, {
    nullable: true,
    description: 'The plan, package or subscription type the account is on.',
  })
  async plan(
    @Root() root: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PlanRecord | null> {
    return ctx.services.accounts.plan(await complete(ctx, root, 'planNativeId', info));
  }

  @Directive(cost(COST.VENDOR_READ))
  @FieldResolver(() => UsageReport, {
    nullable: true,
    description:
      'Usage over a date range (default: the 30 days ending yesterday). Null when the provider does not report usage.',
  })
  usage(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDate, { nullable: true, description: 'First day (UTC), inclusive.' }) from?: string | null,
    @Arg('to', () => LocalDate, { nullable: true, description: 'Last day (UTC), inclusive; before today.' })
    to?: string | null,
  ): Promise<UsageRecord | null> | null {
    return ctx.services.accounts.usage(account, from ?? null, to ?? null);
  }

  @Directive(cost(COST.CATALOG))
  @Directive(listSize(200))
  @FieldResolver(() => [Server], { description: "Servers this account can connect to (its provider's servers)." })
  servers(
    @Root() account: AccountRecord,
    @Ctx() ctx: GraphQLContext,
    @Arg('countryCode', () => String, { nullable: true, description: 'Only servers in this country (ISO alpha-2).' })
    countryCode?: string | null,
  ): Promise<ServerRecord[]> {
    return ctx.services.accounts.servers(account, countryCode ?? null);
  }

  @Directive(cost(COST.VENDOR_READ))
  @FieldResolver(() => WireGuardInfo, {
    nullable: true,
    description: 'WireGuard details, where the provider has them.',
  })
  wireguard(@Root() account: AccountRecord, @Ctx() ctx: GraphQLContext): Promise<AccountRecord['wireguard']> {
    return ctx.services.accounts.wireguard(account);
  }

  @Authorized('admin')
  @Directive(cost(COST.VENDOR_READ))
  @Directive(listSize(4))
  @Directive(INTERNAL)
  @FieldResolver(() => [ConnectionConfig], {
    description: 'VPN client configuration files for a server (admin only: WireGuard files contain the private key).',
  })
  connectionConfigs(
    @Root() account: AccountRecord,
    @Arg('serverId', () => ID, { description: 'Server id (from `servers`).' }) serverId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionConfigRecord[]> {
    return ctx.services.accounts.connectionConfigs(account, serverId);
  }
}

@Resolver(() => WireGuardInfo)
export class WireGuardResolver {
  @Authorized('admin')
  @Directive(INTERNAL)
  @FieldResolver(() => String, { nullable: true, description: 'WireGuard private key (admin only).' })
  privateKey(@Root() info: { privateKey: string | null }): string | null {
    return info.privateKey;
  }
}

function complete(
  ctx: GraphQLContext,
  account: AccountRecord,
  field: IncompleteField,
  info: GraphQLResolveInfo,
): Promise<AccountRecord> {
  return ctx.services.accounts.complete(account, field, responsePathAsArray(info.path));
}
