import { Arg, Authorized, Ctx, Mutation, Resolver, Directive } from 'type-graphql';
import { COST, cost, INTERNAL } from '../../graphql/common/cost.js';
import { InputError } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import {
  AccountRefInput,
  ChangeAccountPasswordInput,
  ChangeAccountPlanInput,
  CreateAccountInput,
  ExpireAccountInput,
  ExtendAccountInput,
  LinkAccountInput,
  RenewAccountInput,
  SetBandwidthLimitInput,
} from './account.inputs.js';
import { AccountPayload, AccountWithPasswordPayload, accountPayload, withPassword } from './account.payloads.js';

/** Account lifecycle mutations: each delegates to the lifecycle service (or, for links, the customer service). */
@Resolver()
export class AccountMutationResolver {
  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountWithPasswordPayload, {
    description: 'Create a VPN account. Idempotent with `idempotencyKey`.',
  })
  async createAccount(
    @Arg('input', () => CreateAccountInput, { description: 'Mutation input.' }) input: CreateAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountWithPasswordPayload> {
    const { newCustomer, ...rest } = input;
    let newCustomerNative;
    if (newCustomer) {
      const project = decodeId(newCustomer.projectId);
      if (!project || project.type !== 'Project')
        throw new InputError('newCustomer.projectId', '`newCustomer.projectId` is not a valid Project id.');
      newCustomerNative = {
        firstName: newCustomer.firstName,
        lastName: newCustomer.lastName,
        email: newCustomer.email,
        projectNativeId: project.nativeId,
      };
    }
    return withPassword(
      await ctx.lifecycle.createAccount({
        provider: rest.provider,
        ...(rest.username != null ? { username: rest.username } : {}),
        ...(rest.password != null ? { password: rest.password } : {}),
        ...(rest.periodDays != null ? { periodDays: rest.periodDays } : {}),
        ...(rest.planCode != null ? { planCode: rest.planCode } : {}),
        ...(rest.groupId != null ? { groupId: rest.groupId } : {}),
        ...(rest.metadata != null ? { metadata: rest.metadata } : {}),
        ...(newCustomerNative ? { newCustomer: newCustomerNative } : {}),
        customerId: rest.customerId ?? null,
        idempotencyKey: rest.idempotencyKey ?? null,
      }),
    );
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Enable a disabled account.' })
  async enableAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.enableAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Suspend an account without deleting it.' })
  async disableAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.disableAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Add days to the subscription. Idempotent with `idempotencyKey`.' })
  async renewAccount(
    @Arg('input', () => RenewAccountInput, { description: 'Mutation input.' }) input: RenewAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(
      await ctx.lifecycle.renewAccount(input.accountId, input.periodDays, input.planCode, input.idempotencyKey),
    );
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Move the expiry to a date.' })
  async extendAccount(
    @Arg('input', () => ExtendAccountInput, { description: 'Mutation input.' }) input: ExtendAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.extendAccount(input.accountId, input.expiresOn, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'End the service today or on a date.' })
  async expireAccount(
    @Arg('input', () => ExpireAccountInput, { description: 'Mutation input.' }) input: ExpireAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.expireAccount(input.accountId, input.on, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountWithPasswordPayload, {
    description: 'Set a new VPN password (generated when omitted, returned once).',
  })
  async changeAccountPassword(
    @Arg('input', () => ChangeAccountPasswordInput, { description: 'Mutation input.' })
    input: ChangeAccountPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountWithPasswordPayload> {
    return withPassword(await ctx.lifecycle.changePassword(input.accountId, input.password, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Move the account to another plan / package / subscription type.' })
  async changeAccountPlan(
    @Arg('input', () => ChangeAccountPlanInput, { description: 'Mutation input.' }) input: ChangeAccountPlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.changePlan(input.accountId, input.planCode, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, {
    description: 'Terminate: close where the provider closes (WLVPN), delete where it deletes.',
  })
  async closeAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.closeAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Delete the account at the provider for good.' })
  async deleteAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.deleteAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Reopen a closed account (WLVPN).' })
  async reopenAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.reopenAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, {
    description: 'Close the account and erase its username and metadata (WLVPN). Cannot be undone.',
  })
  async anonymiseAccount(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.anonymiseAccount(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, { description: 'Apply or remove a bandwidth rate limit (WLVPN).' })
  async setAccountBandwidthLimit(
    @Arg('input', () => SetBandwidthLimitInput, { description: 'Mutation input.' }) input: SetBandwidthLimitInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(
      await ctx.lifecycle.setBandwidthLimit(input.accountId, input.kilobytesPerSecond ?? null, keyOf(input)),
    );
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Mutation(() => AccountPayload, {
    description: 'Delete every auth token of the account, signing out its apps (WLVPN).',
  })
  async revokeAccountSessions(
    @Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.revokeSessions(input.accountId, keyOf(input)));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => AccountPayload, {
    description: 'Link an account (any provider) to a customer kept by this API, or unlink it.',
  })
  linkAccountToCustomer(
    @Arg('input', () => LinkAccountInput, { description: 'Mutation input.' }) input: LinkAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountPayload> {
    const failed: Omit<AccountPayload, 'userErrors'> = { account: null, replayed: false, deletedAccountId: null };
    return withUserErrors(failed, async () => ({
      account: await ctx.services.customers.linkAccount(input.accountId, input.customerId ?? null),
      replayed: false,
      deletedAccountId: null,
    }));
  }
}

/** The write's idempotency key, as the lifecycle service takes it. */
function keyOf(input: AccountRefInput): { idempotencyKey: string | null } {
  return { idempotencyKey: input.idempotencyKey ?? null };
}
