import { ErrorCode, InputError } from '../../domain/errors.js';
import { decodeId, encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import { generatePassword } from '../../lib/password.js';
import { AccountOperation, type CreateAccountInput } from '../../providers/port.js';
import { invalidate } from './account-operations.js';
import { deliverCredentials } from './credentials.js';
import { runIntent } from './intent-runner.js';
import {
  commonChecks,
  failure,
  randomText,
  unsupported,
  type AccountPayloadShape,
  type LifecycleContext,
} from './shared.js';
import { toUserError } from '../../core/error-mapping.js';
import { secretHash } from '../../lib/intent-hash.js';
import { callWithReconcile } from './reconcile-write.js';
import { provesOwnCreate } from './reconciler.js';

/**
 * A create made for an account move: the directory link is the source's (whose scope the move checked), not a
 * `customerId` argument; `externalCustomerRef` is the store customer a vendor that keeps customer uuids needs.
 */
export interface CreateLink {
  customerId: string | null;
  externalCustomerRef: string | null;
}

/**
 * createAccount: scope and quota, customer, input rules, a username we pick, then the write-ahead intent; the
 * vendor's answer enters the directory and the history, and a password nobody saw is handed out once.
 */
export async function createAccount(
  ctx: LifecycleContext,
  input: CreateAccountInput & { provider: ProviderName; customerId?: string | null; idempotencyKey?: string | null },
  link?: CreateLink,
): Promise<AccountPayloadShape> {
  const provider = ctx.deps.registry.get(input.provider);
  if (!provider.capabilities.has(AccountOperation.CREATE)) return unsupported(provider, AccountOperation.CREATE);
  const refused = link ? null : await ctx.scope.refuseCreate(input.customerId ?? null, Boolean(input.newCustomer));
  if (refused) return { account: null, password: null, userErrors: [refused] };
  const { idempotencyKey, customerId, provider: _p, ...rest } = input;
  const request: CreateAccountInput = { ...rest };
  let customerRef: string | null = link?.customerId ?? null;
  if (link?.externalCustomerRef) request.externalCustomerRef = link.externalCustomerRef;
  // The account's project (VPNresellers: its customer's), so a project scope owns the account at once.
  let projectRef: string | null =
    request.newCustomer && provider.features.projects
      ? encodeId('Project', provider.name, request.newCustomer.projectNativeId)
      : null;
  try {
    if (customerId && !link) {
      const gid = decodeId(customerId);
      if (!gid || gid.type !== 'Customer')
        throw new InputError('customerId', '`customerId` is not a valid Customer id.');
      if (gid.source === 'STORE') {
        const [c] = await ctx.deps.store.getCustomers([gid.nativeId]);
        if (!c) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
        request.externalCustomerRef = gid.nativeId;
      } else if (gid.source === provider.name) {
        request.customerNativeId = gid.nativeId;
        projectRef = await projectOfCustomer(ctx, provider.name, gid.nativeId, provider.features.projects);
      } else {
        throw new InputError('customerId', `The customer belongs to ${gid.source}, not ${provider.name}.`);
      }
      customerRef = customerId;
    }
  } catch (error) {
    return failure(error);
  }
  const problems = [
    ...commonChecks(request),
    ...provider.validate(AccountOperation.CREATE, request as Record<string, unknown>),
  ];
  if (problems.length > 0) return { account: null, password: null, userErrors: problems.map(toUserError) };

  // A username we pick ourselves finds the account again after an unknown outcome (PureVPN picks its own and
  // tells it only in its answer). It is saved with the intent, so every later attempt uses the same one.
  const accepts = (field: string, value: string) =>
    !provider.validate(AccountOperation.CREATE, { ...request, [field]: value }).some((e) => e.field === field);
  let chosen = request.username ?? null;
  if (!chosen) {
    const candidate = `vg${randomText(10)}`;
    if (accepts('username', candidate)) chosen = candidate;
  }
  // Every argument is bound to the key; a password only as its hash (the hash of the whole is what is kept).
  const hashInput = { provider: provider.name, ...request, password: secretHash(request.password) };
  // A sub-reseller's quota: one unit is reserved in the intent's own transaction (the guard), held while the
  // create is open and kept by the account it made; a refused create holds nothing.
  const guard = ctx.scope.quotaGuard();
  return runIntent(ctx, {
    operation: 'createAccount',
    provider,
    key: idempotencyKey,
    hashInput,
    username: chosen,
    opensAccount: true,
    ...(guard ? { guard } : {}),
    // usernameFrom: a name we chose finds our account; a caller's name may be anyone's (see provesOwnCreate).
    context: { customerRef, projectRef, usernameFrom: request.username ? 'caller' : 'us' },
    journal: { operation: AccountOperation.CREATE, input: hashInput },
    write: async (session) => {
      const call: CreateAccountInput = { ...request, createMark: session.intent.id };
      if (session.intent.username) call.username = session.intent.username;
      if (call.password === undefined) {
        const candidate = generatePassword(16);
        if (accepts('password', candidate)) call.password = candidate;
      }
      call.onAccepted = async (username) => {
        if (session.intent.username) return;
        session.intent.username = username;
        await ctx.deps.store.intents.setUsername(session.intent.id, username);
      };
      const created = await callWithReconcile(
        ctx,
        provider,
        'createAccount',
        session,
        async () => provider.createAccount(call),
        async () => {
          const username = session.intent.username;
          if (!username) return undefined;
          const found = await provider.findAccountByUsername(username);
          if (!found) return null;
          // Found, but not provably ours: cannot tell (an operator settles it), never adopted.
          return provesOwnCreate(session.intent, provider, found)
            ? { account: found, password: call.password ?? null }
            : undefined;
        },
      );
      const accountId = encodeId('Account', created.account.provider, created.account.nativeId);
      const password = created.password ?? call.password ?? null;
      await ctx.deps.store.completeCreate(
        session.intent.id,
        session.owner,
        {
          provider: provider.name,
          nativeId: created.account.nativeId,
          username: created.account.username,
          customerId: customerRef,
          projectId: projectRef,
          via: 'api',
        },
        {
          state: 'succeeded',
          response: { accountId, userErrors: [] },
          resultAccountId: accountId,
          credentialsDelivered: password !== null,
          username: created.account.username,
        },
        (tx) => ctx.events.written('CREATE', created.account, null, created.account, tx),
      );
      await invalidate(ctx, created.account);
      if (password === null) {
        // The vendor named the account but its password never reached us: hand out a fresh one, once.
        const delivered = await deliverCredentials(ctx, session.intent.id, provider, created.account);
        return {
          account: delivered.account ?? created.account,
          password: delivered.password,
          userErrors: delivered.userErrors,
        };
      }
      return { account: created.account, password, userErrors: [] };
    },
  });
}

/**
 * The project of a vendor customer (where the vendor has projects), read once per request (the scope check may
 * have read it already). A customer the vendor does not know is refused before any write; a read that fails
 * leaves the project unknown (the next sync fills it).
 */
async function projectOfCustomer(
  ctx: LifecycleContext,
  provider: ProviderName,
  nativeId: string,
  hasProjects: boolean,
): Promise<string | null> {
  if (!hasProjects) return null;
  let customer;
  try {
    customer = await ctx.deps.loaders.customer.load({ provider, nativeId });
  } catch {
    return null;
  }
  if (!customer) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
  return customer.projectNativeId ? encodeId('Project', provider, customer.projectNativeId) : null;
}
