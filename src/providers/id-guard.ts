import { ErrorCode, ProviderError } from '../domain/errors.js';
import type { IdKind, NativeIdRules } from './module.js';
import { nativeIdProblem } from './native-ids.js';
import type { BatchResult, VpnProvider } from './port.js';

/** The id guard BaseProvider installs on every provider (see installIdGuard). */

/** One id an entry point hands the vendor: its kind, the input field it came from, and its value (if any). */
type IdArgument = [kind: IdKind, field: string, value: unknown, optional?: 'optional'];
type IdPicker = (args: readonly unknown[]) => IdArgument[];

const prop = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
const first =
  (kind: IdKind, field: string): IdPicker =>
  (args) => [[kind, field, args[0]]];

/**
 * Every entry point of the port that hands a native id to the vendor, and where the ids are: batch reads
 * (one slot per id), single-id reads and writes, and ids inside filters and inputs. The id guard wraps each
 * of them (BaseProvider's constructor), so no provider method can forget it.
 */
const BATCH_READS: Readonly<Partial<Record<keyof VpnProvider, IdKind>>> = {
  getAccounts: 'account',
  getAccountsByUsername: 'username',
  getCustomers: 'customer',
  getProjects: 'project',
  getUsage: 'account',
};
const ACCOUNT = first('account', 'id');
const SINGLE: Readonly<Partial<Record<keyof VpnProvider, IdPicker>>> = {
  findAccountByUsername: first('username', 'username'),
  enableAccount: ACCOUNT,
  disableAccount: ACCOUNT,
  renewAccount: ACCOUNT,
  extendAccount: ACCOUNT,
  expireAccount: ACCOUNT,
  changePassword: ACCOUNT,
  changePlan: ACCOUNT,
  closeAccount: ACCOUNT,
  deleteAccount: ACCOUNT,
  reopenAccount: ACCOUNT,
  anonymiseAccount: ACCOUNT,
  setBandwidthLimit: ACCOUNT,
  revokeSessions: ACCOUNT,
  updateCustomer: first('customer', 'id'),
  deleteCustomer: first('customer', 'id'),
  updateProject: first('project', 'id'),
  deleteProject: first('project', 'id'),
  getConnectionConfigs: (a) => [
    ['account', 'accountId', a[0]],
    ['server', 'serverId', a[1]],
  ],
  listAccounts: (a) => [
    ['customer', 'customerId', prop(prop(a[0], 'filter'), 'customerNativeId'), 'optional'],
    ['project', 'projectId', prop(prop(a[0], 'filter'), 'projectNativeId'), 'optional'],
  ],
  listCustomers: (a) => [['project', 'projectId', prop(prop(a[0], 'filter'), 'projectNativeId'), 'optional']],
  createAccount: (a) => [
    ['customer', 'customerId', prop(a[0], 'customerNativeId'), 'optional'],
    ['project', 'projectId', prop(prop(a[0], 'newCustomer'), 'projectNativeId'), 'optional'],
  ],
  createCustomer: (a) => [['project', 'projectId', prop(a[0], 'projectNativeId'), 'optional']],
};

/** Why `id` may not be sent to a vendor with these rules: the shared rules first, then the vendor's own. */
export function idProblem(rules: NativeIdRules, kind: IdKind, id: unknown): string | null {
  return nativeIdProblem(id) ?? rules[kind](id as string);
}

/**
 * The id guard: wraps every entry point that hands an id to the vendor (tables above) so an id the shared
 * rules or the vendor's own rules refuse answers VALIDATION with no vendor call — as the batch slot of
 * that id for batch reads (the other ids are still read), as a thrown ProviderError otherwise.
 */
export function installIdGuard(provider: VpnProvider, rules: NativeIdRules): void {
  const self = provider as unknown as Record<string, unknown>;
  const refuse = (operation: string, field: string, problem: string) =>
    new ProviderError({
      provider: provider.name,
      operation,
      code: ErrorCode.VALIDATION,
      field,
      message: `${provider.name}: the ${field} ${problem}.`,
      retryable: false,
    });
  for (const [operation, kind] of Object.entries(BATCH_READS)) {
    const original = self[operation] as (ids: readonly string[], ...rest: unknown[]) => Promise<BatchResult<unknown>>;
    // `this`: the provider the call was made on — a scoped view of it (scoped.ts) keeps its scope.
    self[operation] = async function (
      this: unknown,
      ids: readonly string[],
      ...rest: unknown[]
    ): Promise<BatchResult<unknown>> {
      const field = kind === 'username' ? 'username' : 'id';
      const refused = ids.map((id) => {
        const problem = idProblem(rules, kind, id);
        return problem ? refuse(operation, field, problem) : null;
      });
      const allowed = ids.filter((_, i) => refused[i] === null);
      const read = allowed.length > 0 ? await original.call(this, allowed, ...rest) : [];
      let next = 0;
      return refused.map((error) => error ?? read[next++] ?? null);
    };
  }
  for (const [operation, pick] of Object.entries(SINGLE)) {
    const original = self[operation] as (...args: unknown[]) => Promise<unknown>;
    self[operation] = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      for (const [kind, field, value, optional] of pick(args)) {
        if (optional && (value === undefined || value === null || value === '')) continue;
        const problem = idProblem(rules, kind, value);
        if (problem) throw refuse(operation, field, problem);
      }
      return original.apply(this, args);
    };
  }
}
