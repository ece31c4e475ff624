import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { AccountRecord, CustomerRecord, ProjectRecord } from '../domain/records.js';
import { ErrorCode, InputError } from '../domain/errors.js';
import { ProviderName } from './common/enums.js';
import { JSONObject, LocalDate } from './common/scalars.js';
import { UserError } from './common/user-error.js';
import { Account } from './account/account.type.js';
import { Customer } from './customer/customer.type.js';
import { Project } from './project/project.type.js';
import { encodeId } from './common/ids.js';
import type { GraphQLContext } from './context.js';
import { toUserError, type AccountPayloadShape, type UserErrorShape } from '../services/lifecycle.js';

// ---- inputs ------------------------------------------------------------------------------------

@InputType({ description: 'A new customer created together with a VPNresellers account.' })
class NewProviderCustomerInput {
  @Field({ description: 'First name.' }) firstName!: string;
  @Field({ description: 'Last name.' }) lastName!: string;
  @Field({ description: 'Email address.' }) email!: string;
  @Field(() => ID, { description: 'Project id (VPNresellers).' }) projectId!: string;
}

@InputType({ description: 'Create a VPN account at a provider.' })
class CreateAccountInput {
  @Field(() => ProviderName, { description: 'Provider to create the account at.' }) provider!: ProviderName;
  @Field(() => String, { nullable: true, description: 'VPN username (PureVPN picks its own; WLVPN/VPNresellers: generated when omitted).' })
  username?: string | null;
  @Field(() => String, { nullable: true, description: 'VPN password; generated when omitted. Returned once in the payload.' })
  password?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days of service (PureWL, PureVPN).' }) periodDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Plan code (WLVPN plan, PureVPN package, PureWL subscription type).' })
  planCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'Customer to link (a VPNresellers customer, or one kept by this API).' })
  customerId?: string | null;
  @Field(() => NewProviderCustomerInput, { nullable: true, description: 'VPNresellers: create the customer with the account.' })
  newCustomer?: NewProviderCustomerInput | null;
  @Field(() => String, { nullable: true, description: 'WLVPN account group id.' }) groupId?: string | null;
  @Field(() => JSONObject, { nullable: true, description: 'WLVPN metadata (at most 5 string keys).' })
  metadata?: Record<string, string> | null;
  @Field(() => String, { nullable: true, description: 'Replays the first outcome for 24 h; the same key with other input is a CONFLICT.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Identifies the account to act on.' })
class AccountRefInput {
  @Field(() => ID, { description: 'Account id.' }) accountId!: string;
}

@InputType({ description: 'Add days to an account\'s subscription.' })
class RenewAccountInput extends AccountRefInput {
  @Field(() => Int, { description: 'Days to add (PureVPN: 30, 60, 90, 180 or 365).' }) periodDays!: number;
  @Field(() => String, { nullable: true, description: 'New package/plan at renewal, where the provider allows it.' }) planCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Replays the first outcome for 24 h.' }) idempotencyKey?: string | null;
}

@InputType({ description: 'Move an account\'s expiry to a date.' })
class ExtendAccountInput extends AccountRefInput {
  @Field(() => LocalDate, { description: 'New last day of service (YYYY-MM-DD).' }) expiresOn!: string;
}

@InputType({ description: 'End an account\'s service now or on a date.' })
class ExpireAccountInput extends AccountRefInput {
  @Field(() => LocalDate, { nullable: true, description: 'Day the service ends (default: today).' }) on?: string | null;
}

@InputType({ description: 'Set a new VPN password.' })
class ChangeAccountPasswordInput extends AccountRefInput {
  @Field(() => String, { nullable: true, description: 'New password; generated (and returned once) when omitted.' }) password?: string | null;
}

@InputType({ description: 'Move an account to another plan.' })
class ChangeAccountPlanInput extends AccountRefInput {
  @Field({ description: 'Plan code (see `plans(provider)`).' }) planCode!: string;
}

@InputType({ description: 'Apply or remove a bandwidth limit (WLVPN).' })
class SetBandwidthLimitInput extends AccountRefInput {
  @Field(() => Int, { nullable: true, description: 'Kilobytes per second; null removes every limitation.' }) kilobytesPerSecond?: number | null;
}

@InputType({ description: 'Create a customer.' })
class CreateCustomerInput {
  @Field(() => ProviderName, { nullable: true, description: 'VPNRESELLERS to create it there; omit to keep it in this API (links accounts of any provider).' })
  provider?: ProviderName | null;
  @Field({ description: 'First name.' }) firstName!: string;
  @Field({ description: 'Last name.' }) lastName!: string;
  @Field({ description: 'Email address.' }) email!: string;
  @Field(() => ID, { nullable: true, description: 'Project id (required for VPNresellers).' }) projectId?: string | null;
  @Field(() => String, { nullable: true, description: 'Your own reference for the customer.' }) externalRef?: string | null;
}

@InputType({ description: 'Change a customer.' })
class UpdateCustomerInput {
  @Field(() => ID, { description: 'Customer id.' }) customerId!: string;
  @Field(() => String, { nullable: true, description: 'First name.' }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: 'Last name.' }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: 'Email address.' }) email?: string | null;
}

@InputType({ description: 'Identifies a customer.' })
class CustomerRefInput {
  @Field(() => ID, { description: 'Customer id.' }) customerId!: string;
}

@InputType({ description: 'Link an account to a customer kept by this API.' })
class LinkAccountInput extends AccountRefInput {
  @Field(() => ID, { nullable: true, description: 'Customer id; null removes the link.' }) customerId?: string | null;
}

@InputType({ description: 'Create or change a VPNresellers project.' })
class ProjectInput {
  @Field({ description: 'Project name.' }) name!: string;
  @Field({ description: 'Project description.' }) description!: string;
}

@InputType({ description: 'Change a project.' })
class UpdateProjectInput extends ProjectInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
}

@InputType({ description: 'Identifies a project.' })
class ProjectRefInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
}

// ---- payloads ----------------------------------------------------------------------------------

@ObjectType({ description: 'Result of an account mutation.' })
class AccountPayload {
  @Field(() => Account, { nullable: true, description: 'The account after the change (null on failure or deletion).' })
  account!: AccountRecord | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' })
  userErrors!: UserErrorShape[];
  @Field({ description: 'True when this is the stored outcome of an earlier request with the same idempotency key.' })
  replayed!: boolean;
  @Field(() => ID, { nullable: true, description: 'Id of the account deleted at the provider, when the mutation deleted it.' })
  deletedAccountId!: string | null;
}

@ObjectType({ description: 'Result of a mutation that sets a VPN password.' })
class AccountWithPasswordPayload extends AccountPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The VPN password, shown this once and never stored (null on replay or failure).',
  })
  password!: string | null;
}

@ObjectType({ description: 'Result of a customer mutation.' })
class CustomerPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change.' }) customer!: CustomerRecord | null;
  @Field(() => ID, { nullable: true, description: 'Id of the deleted customer.' }) deletedCustomerId!: string | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}

@ObjectType({ description: 'Result of a project mutation.' })
class ProjectPayload {
  @Field(() => Project, { nullable: true, description: 'The project after the change.' }) project!: ProjectRecord | null;
  @Field(() => ID, { nullable: true, description: 'Id of the deleted project.' }) deletedProjectId!: string | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}

function accountPayload(p: AccountPayloadShape): AccountPayload {
  return { account: p.account, userErrors: p.userErrors, replayed: p.replayed ?? false, deletedAccountId: p.deletedAccountId ?? null };
}
function withPassword(p: AccountPayloadShape): AccountWithPasswordPayload {
  return { ...accountPayload(p), password: p.password ?? null };
}

// ---- resolvers ---------------------------------------------------------------------------------

@Resolver()
class AccountMutationResolver {
  @Authorized('operator')
  @Mutation(() => AccountWithPasswordPayload, { description: 'Create a VPN account. Idempotent with `idempotencyKey`.' })
  async createAccount(@Arg('input', () => CreateAccountInput, { description: 'Mutation input.' }) input: CreateAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountWithPasswordPayload> {
    const { newCustomer, ...rest } = input;
    let newCustomerNative;
    if (newCustomer) {
      const project = ctx.services.decode(newCustomer.projectId, 'Project', 'newCustomer.projectId');
      newCustomerNative = { firstName: newCustomer.firstName, lastName: newCustomer.lastName, email: newCustomer.email, projectNativeId: project.nativeId };
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
  @Mutation(() => AccountPayload, { description: 'Enable a disabled account.' })
  async enableAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.enableAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Suspend an account without deleting it.' })
  async disableAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.disableAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Add days to the subscription. Idempotent with `idempotencyKey`.' })
  async renewAccount(@Arg('input', () => RenewAccountInput, { description: 'Mutation input.' }) input: RenewAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.renewAccount(input.accountId, input.periodDays, input.planCode, input.idempotencyKey));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Move the expiry to a date.' })
  async extendAccount(@Arg('input', () => ExtendAccountInput, { description: 'Mutation input.' }) input: ExtendAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.extendAccount(input.accountId, input.expiresOn));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'End the service today or on a date.' })
  async expireAccount(@Arg('input', () => ExpireAccountInput, { description: 'Mutation input.' }) input: ExpireAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.expireAccount(input.accountId, input.on));
  }

  @Authorized('operator')
  @Mutation(() => AccountWithPasswordPayload, { description: 'Set a new VPN password (generated when omitted, returned once).' })
  async changeAccountPassword(@Arg('input', () => ChangeAccountPasswordInput, { description: 'Mutation input.' }) input: ChangeAccountPasswordInput, @Ctx() ctx: GraphQLContext): Promise<AccountWithPasswordPayload> {
    return withPassword(await ctx.lifecycle.changePassword(input.accountId, input.password));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Move the account to another plan / package / subscription type.' })
  async changeAccountPlan(@Arg('input', () => ChangeAccountPlanInput, { description: 'Mutation input.' }) input: ChangeAccountPlanInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.changePlan(input.accountId, input.planCode));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Terminate: close where the provider closes (WLVPN), delete where it deletes.' })
  async closeAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.closeAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Delete the account at the provider for good.' })
  async deleteAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.deleteAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Reopen a closed account (WLVPN).' })
  async reopenAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.reopenAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Close the account and erase its username and metadata (WLVPN). Cannot be undone.' })
  async anonymiseAccount(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.anonymiseAccount(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Apply or remove a bandwidth rate limit (WLVPN).' })
  async setAccountBandwidthLimit(@Arg('input', () => SetBandwidthLimitInput, { description: 'Mutation input.' }) input: SetBandwidthLimitInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.setBandwidthLimit(input.accountId, input.kilobytesPerSecond ?? null));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Delete every auth token of the account, signing out its apps (WLVPN).' })
  async revokeAccountSessions(@Arg('input', () => AccountRefInput, { description: 'Mutation input.' }) input: AccountRefInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    return accountPayload(await ctx.lifecycle.revokeSessions(input.accountId));
  }

  @Authorized('operator')
  @Mutation(() => AccountPayload, { description: 'Link an account (any provider) to a customer kept by this API, or unlink it.' })
  async linkAccountToCustomer(@Arg('input', () => LinkAccountInput, { description: 'Mutation input.' }) input: LinkAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountPayload> {
    try {
      const account = await ctx.services.account(input.accountId, 'accountId');
      if (!account) return { account: null, userErrors: [{ field: ['input', 'accountId'], message: 'No such account.', code: ErrorCode.NOT_FOUND }], replayed: false, deletedAccountId: null };
      if (input.customerId) {
        const c = ctx.services.decode(input.customerId, 'Customer', 'customerId');
        if (c.source !== 'STORE') throw new InputError('customerId', 'Only customers kept by this API can be linked.');
        const [found] = await ctx.services.store.getCustomers([c.nativeId]);
        if (!found) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
      }
      await ctx.services.store.registerAccount({ provider: account.provider, nativeId: account.nativeId, username: account.username, via: 'import' });
      await ctx.services.store.linkCustomer(account.provider, account.nativeId, input.customerId ?? null);
      ctx.loaders.customerLink.clear({ provider: account.provider, nativeId: account.nativeId });
      return { account, userErrors: [], replayed: false, deletedAccountId: null };
    } catch (error) {
      return { account: null, userErrors: [toUserError(error)], replayed: false, deletedAccountId: null };
    }
  }
}

@Resolver()
class CustomerMutationResolver {
  @Authorized('operator')
  @Mutation(() => CustomerPayload, { description: 'Create a customer at VPNresellers, or keep one in this API.' })
  async createCustomer(@Arg('input', () => CreateCustomerInput, { description: 'Mutation input.' }) input: CreateCustomerInput, @Ctx() ctx: GraphQLContext): Promise<CustomerPayload> {
    try {
      checkEmail(input.email);
      if (input.provider) {
        const provider = ctx.services.provider(input.provider);
        if (!provider.features.customers) throw new InputError('provider', `${input.provider} has no customers; omit \`provider\` to keep the customer in this API.`, ErrorCode.UNSUPPORTED_BY_PROVIDER);
        if (!input.projectId) throw new InputError('projectId', '`projectId` is required for a VPNresellers customer.');
        const project = ctx.services.decode(input.projectId, 'Project', 'projectId');
        const customer = await provider.createCustomer({ firstName: input.firstName, lastName: input.lastName, email: input.email, projectNativeId: project.nativeId });
        return { customer, deletedCustomerId: null, userErrors: [] };
      }
      const customer = await ctx.services.store.createCustomer({ firstName: input.firstName, lastName: input.lastName, email: input.email, externalRef: input.externalRef ?? null });
      return { customer, deletedCustomerId: null, userErrors: [] };
    } catch (error) {
      return { customer: null, deletedCustomerId: null, userErrors: [toUserError(error)] };
    }
  }

  @Authorized('operator')
  @Mutation(() => CustomerPayload, { description: 'Change a customer\'s name or email.' })
  async updateCustomer(@Arg('input', () => UpdateCustomerInput, { description: 'Mutation input.' }) input: UpdateCustomerInput, @Ctx() ctx: GraphQLContext): Promise<CustomerPayload> {
    try {
      const gid = ctx.services.decode(input.customerId, 'Customer', 'customerId');
      if (input.email != null) checkEmail(input.email);
      const changes = {
        ...(input.firstName != null ? { firstName: input.firstName } : {}),
        ...(input.lastName != null ? { lastName: input.lastName } : {}),
        ...(input.email != null ? { email: input.email } : {}),
      };
      const customer =
        gid.source === 'STORE'
          ? await ctx.services.store.updateCustomer(gid.nativeId, changes)
          : await ctx.services.provider(gid.source).updateCustomer(gid.nativeId, changes);
      ctx.loaders.customer.clear({ provider: gid.source === 'STORE' ? null : gid.source, nativeId: gid.nativeId });
      return { customer, deletedCustomerId: null, userErrors: [] };
    } catch (error) {
      return { customer: null, deletedCustomerId: null, userErrors: [toUserError(error)] };
    }
  }

  @Authorized('operator')
  @Mutation(() => CustomerPayload, { description: 'Delete a customer (refused while it has accounts).' })
  async deleteCustomer(@Arg('input', () => CustomerRefInput, { description: 'Mutation input.' }) input: CustomerRefInput, @Ctx() ctx: GraphQLContext): Promise<CustomerPayload> {
    try {
      const gid = ctx.services.decode(input.customerId, 'Customer', 'customerId');
      if (gid.source === 'STORE') await ctx.services.store.deleteCustomer(gid.nativeId);
      else await ctx.services.provider(gid.source).deleteCustomer(gid.nativeId);
      return { customer: null, deletedCustomerId: input.customerId, userErrors: [] };
    } catch (error) {
      return { customer: null, deletedCustomerId: null, userErrors: [toUserError(error)] };
    }
  }
}

@Resolver()
class ProjectMutationResolver {
  @Authorized('operator')
  @Mutation(() => ProjectPayload, { description: 'Create a VPNresellers project.' })
  async createProject(@Arg('input', () => ProjectInput, { description: 'Mutation input.' }) input: ProjectInput, @Ctx() ctx: GraphQLContext): Promise<ProjectPayload> {
    try {
      const project = await ctx.services.provider(ProviderName.VPNRESELLERS).createProject(checkProject(input));
      return { project, deletedProjectId: null, userErrors: [] };
    } catch (error) {
      return { project: null, deletedProjectId: null, userErrors: [toUserError(error)] };
    }
  }

  @Authorized('operator')
  @Mutation(() => ProjectPayload, { description: 'Change a project.' })
  async updateProject(@Arg('input', () => UpdateProjectInput, { description: 'Mutation input.' }) input: UpdateProjectInput, @Ctx() ctx: GraphQLContext): Promise<ProjectPayload> {
    try {
      const gid = ctx.services.decode(input.projectId, 'Project', 'projectId');
      if (gid.source === 'STORE') throw new InputError('projectId', '`projectId` is not a valid Project id.');
      const project = await ctx.services.provider(gid.source).updateProject(gid.nativeId, checkProject(input));
      ctx.loaders.project.clear({ provider: gid.source, nativeId: gid.nativeId });
      return { project, deletedProjectId: null, userErrors: [] };
    } catch (error) {
      return { project: null, deletedProjectId: null, userErrors: [toUserError(error)] };
    }
  }

  @Authorized('operator')
  @Mutation(() => ProjectPayload, { description: 'Delete a project (refused while it has customers).' })
  async deleteProject(@Arg('input', () => ProjectRefInput, { description: 'Mutation input.' }) input: ProjectRefInput, @Ctx() ctx: GraphQLContext): Promise<ProjectPayload> {
    try {
      const gid = ctx.services.decode(input.projectId, 'Project', 'projectId');
      if (gid.source === 'STORE') throw new InputError('projectId', '`projectId` is not a valid Project id.');
      await ctx.services.provider(gid.source).deleteProject(gid.nativeId);
      return { project: null, deletedProjectId: encodeId('Project', gid.source, gid.nativeId), userErrors: [] };
    } catch (error) {
      return { project: null, deletedProjectId: null, userErrors: [toUserError(error)] };
    }
  }
}

function checkEmail(email: string): void {
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InputError('email', '`email` is not a valid email address.');
}

function checkProject(input: ProjectInput): ProjectInput {
  if (input.name.length === 0 || input.name.length > 255) throw new InputError('name', '`name` must be 1 to 255 characters.');
  if (input.description.length > 1000) throw new InputError('description', '`description` is at most 1000 characters.');
  return { name: input.name, description: input.description };
}

/** Mutation resolvers (lifecycle, customers, projects). */
// type-graphql resolver classes; `Function` is the library's own type for them.
export const MUTATION_RESOLVERS: Function[] = [AccountMutationResolver, CustomerMutationResolver, ProjectMutationResolver]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
