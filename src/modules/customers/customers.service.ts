import { ErrorCode, InputError, InputErrors } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import { ID_CODEC, type Codec } from '../../core/keyed-write.js';
import type { AccountRecord, CustomerRecord, ProjectRecord } from '../../domain/records.js';
import type { VpnProvider } from '../../providers/port.js';
import type { AccountService } from '../accounts/index.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { stampLive } from '../../core/loaders/loaders.js';
import { ReadModel } from '../../core/mirror/read-model.js';
import type { Connection, ConnectionArgs } from '../../core/pagination.js';
import type { FailureView } from '../accounts/index.js';
import { ListFailures, storedOrLiveList } from './stored-lists.js';

/** A page of customers and the providers that could not contribute to it. */
export interface CustomerList extends Connection<CustomerRecord> {
  failures: FailureView[];
}

export interface NewCustomer {
  /** A provider with customers; null keeps the customer in this API (it can link accounts of any provider). */
  provider: ProviderName | null;
  firstName: string;
  lastName: string;
  email: string;
  projectId: string | null;
  externalRef: string | null;
}

export interface CustomerChanges {
  firstName?: string;
  lastName?: string;
  email?: string;
}

/** Customers: kept by this API (provider null) or held by a provider whose `features.customers` is true. */
export class CustomerService {
  constructor(
    private readonly k: ServiceKernel,
    private readonly accounts: AccountService,
  ) {}

  async byId(id: string): Promise<CustomerRecord | null> {
    const gid = this.k.decode(id, 'Customer');
    return this.entity({ provider: gid.source === 'STORE' ? null : gid.source, nativeId: gid.nativeId });
  }

  async entity(key: { provider: ProviderName | null; nativeId: string }): Promise<CustomerRecord | null> {
    const customer = await this.k.loaders.customer.load(key);
    return customer && this.k.scope.ownsCustomer(customer) ? customer : null;
  }

  /**
   * One provider's customers, or without `provider` the customers kept by this API. A provider's list comes from
   * the store when its whole list was read within the allowed age (`maxAge`), else live (see stored-lists.ts).
   */
  async list(
    args: ConnectionArgs,
    provider: ProviderName | null,
    path: ReadonlyArray<string | number> = ['customers'],
  ): Promise<CustomerList> {
    if (this.k.scope.scoped)
      return { ...(await this.k.offsetList(args, (o, l) => this.scopeCustomers(provider, o, l))), failures: [] };
    if (!provider)
      return {
        ...(await this.k.offsetList(args, (offset, limit) => stampLive(this.k.store.listCustomers({ offset, limit })))),
        failures: [],
      };
    const p = this.k.provider(provider);
    if (!p.features.customers)
      throw new InputError('provider', `${provider} has no customers; omit \`provider\` to list this API's customers.`);
    const failures = new ListFailures(this.k, path);
    const source = storedOrLiveList<CustomerRecord>(
      new ReadModel(this.k.store.db),
      {
        provider,
        kind: 'customers',
        whole: true,
        stored: (model, q) => model.listCustomers(provider, q),
        live: (q) => p.listCustomers({ offset: q.offset, limit: q.limit }),
      },
      this.k.storedAge,
      failures,
    );
    const connection = await this.k.offsetList(args, (offset, limit) => source({ offset, limit }));
    return { ...connection, failures: failures.views };
  }

  project(customer: CustomerRecord): Promise<ProjectRecord | null> | null {
    if (!customer.projectNativeId || !customer.provider) return null;
    return this.k.loaders.project.load({ provider: customer.provider, nativeId: customer.projectNativeId });
  }

  async create(input: NewCustomer, key: string | null = null): Promise<CustomerRecord> {
    this.k.scope.requireUnscoped('createCustomer');
    const { provider: name, ...fields } = input;
    return this.k.journaledOnce(
      { operation: 'createCustomer', provider: name, target: input.email, input: fields },
      { key, idempotent: false, codec: this.codec },
      async () => {
        checkEmail(input.email);
        if (!name) {
          return this.k.store.createCustomer({
            firstName: input.firstName,
            lastName: input.lastName,
            email: input.email,
            externalRef: input.externalRef,
          });
        }
        const provider = this.withCustomers(
          name,
          `${name} has no customers; omit \`provider\` to keep the customer in this API.`,
        );
        let projectNativeId = '';
        if (input.projectId) {
          const project = this.k.decodeAtProvider(input.projectId, 'Project', 'projectId');
          if (project.provider !== name)
            throw new InputError('projectId', `The project belongs to ${project.provider}, not ${name}.`);
          projectNativeId = project.nativeId;
        }
        // The provider's rules see the vendor's own project id, not our global one.
        const problems = provider.validateCustomer({ ...fields, projectId: projectNativeId || undefined });
        if (problems.length > 0) throw new InputErrors(problems);
        const created = await provider.createCustomer({
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email,
          projectNativeId,
        });
        // The store keeps it: a stored list of this provider's customers shows it at once.
        await new ReadModel(this.k.store.db).putCustomers(name, [created]);
        return created;
      },
    );
  }

  async update(customerId: string, changes: CustomerChanges, key: string | null = null): Promise<CustomerRecord> {
    const gid = this.k.decode(customerId, 'Customer', 'customerId');
    const provider = gid.source === 'STORE' ? null : gid.source;
    if (this.k.scope.scope?.kind === 'customer') this.k.scope.requireUnscoped('updateCustomer');
    await this.inScope(gid.nativeId, provider);
    return this.k.journaledOnce(
      { operation: 'updateCustomer', provider, target: customerId, input: { ...changes } },
      { key, idempotent: true, codec: this.codec },
      async () => {
        if (changes.email !== undefined) checkEmail(changes.email);
        const customer = provider
          ? await this.withCustomers(provider, `${provider} has no customers.`).updateCustomer(gid.nativeId, changes)
          : await this.k.store.updateCustomer(gid.nativeId, changes);
        // The vendor's answer is the customer now: the store keeps it (a later read must not answer the old one).
        if (provider) await new ReadModel(this.k.store.db).putCustomers(provider, [customer]);
        this.k.loaders.customer.clear({ provider, nativeId: gid.nativeId });
        return customer;
      },
    );
  }

  /** Deletes a customer (refused while it has accounts); answers the deleted id. */
  async remove(customerId: string, key: string | null = null): Promise<string> {
    this.k.scope.requireUnscoped('deleteCustomer');
    const gid = this.k.decode(customerId, 'Customer', 'customerId');
    const provider = gid.source === 'STORE' ? null : gid.source;
    const entry = { operation: 'deleteCustomer', provider, target: customerId, input: { customerId } };
    return this.k.journaledOnce(entry, { key, idempotent: true, codec: ID_CODEC, gone: () => customerId }, async () => {
      if (provider) {
        await this.withCustomers(provider, `${provider} has no customers.`).deleteCustomer(gid.nativeId);
        await new ReadModel(this.k.store.db).forget('customers', provider, [gid.nativeId]);
      } else await this.k.store.deleteCustomer(gid.nativeId);
      this.k.loaders.customer.clear({ provider, nativeId: gid.nativeId });
      return customerId;
    });
  }

  /** A customer as an idempotency record keeps it (its id) and reads it back on a replay. */
  private readonly codec: Codec<CustomerRecord> = {
    save: (c) => ({ id: encodeId('Customer', c.provider ?? 'STORE', c.nativeId) }),
    load: async (stored) => {
      const found = await this.byId(String(stored.id));
      if (!found)
        throw new InputError(
          '',
          'The first request with this key succeeded, but the customer is gone.',
          ErrorCode.NOT_FOUND,
        );
      return found;
    },
  };

  /** Links an account (any provider) to a customer kept by this API, or unlinks it (`customerId` null). */
  async linkAccount(accountId: string, customerId: string | null): Promise<AccountRecord> {
    this.k.scope.requireUnscoped('linkAccountToCustomer');
    const gid = this.k.decodeAtProvider(accountId, 'Account', 'accountId');
    return this.k.journaled(
      { operation: 'linkAccountToCustomer', provider: gid.provider, target: accountId, input: { customerId } },
      async () => {
        const account = await this.accounts.entity(gid);
        if (!account) throw new InputError('accountId', 'No such account.', ErrorCode.NOT_FOUND);
        if (customerId) {
          const c = this.k.decode(customerId, 'Customer', 'customerId');
          if (c.source !== 'STORE')
            throw new InputError('customerId', 'Only customers kept by this API can be linked.');
          const [found] = await this.k.store.getCustomers([c.nativeId]);
          if (!found) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
        }
        await this.k.store.registerAccount({
          provider: account.provider,
          nativeId: account.nativeId,
          username: account.username,
          via: 'import',
        });
        await this.k.store.linkCustomer(account.provider, account.nativeId, customerId);
        this.k.loaders.customerLink.clear({ provider: account.provider, nativeId: account.nativeId });
        return account;
      },
    );
  }

  /** Throws NOT_FOUND (as for a missing customer) when a scoped caller names a customer outside its scope. */
  private async inScope(nativeId: string, provider: ProviderName | null): Promise<void> {
    if (!this.k.scope.scoped) return;
    if (!(await this.entity({ provider, nativeId })))
      throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
  }

  /** The customers a scope names (those that still exist), in claim order. */
  private async scopeCustomers(
    provider: ProviderName | null,
    offset: number,
    limit: number,
  ): Promise<{ items: CustomerRecord[]; totalCount: number }> {
    const keys = (this.k.scope.scope?.customerIds ?? [])
      .map((id) => this.k.decode(id, 'Customer'))
      .map((g) => ({ provider: g.source === 'STORE' ? null : g.source, nativeId: g.nativeId }))
      .filter((key) => key.provider === provider);
    const found = (await this.k.loaders.customer.loadMany(keys)).filter(
      (c): c is CustomerRecord => c !== null && !(c instanceof Error),
    );
    return { items: found.slice(offset, offset + limit), totalCount: found.length };
  }

  private withCustomers(name: ProviderName, message: string): VpnProvider {
    const provider = this.k.provider(name);
    if (!provider.features.customers) throw new InputError('provider', message, ErrorCode.UNSUPPORTED_BY_PROVIDER);
    return provider;
  }
}

function checkEmail(email: string): void {
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new InputError('email', '`email` is not a valid email address.');
}
