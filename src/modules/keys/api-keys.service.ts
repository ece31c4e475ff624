import { ErrorCode, InputError, InputErrors } from '../../domain/errors.js';
import { encodeId, STORE_SOURCE } from '../../domain/ids.js';
import { parseScope, ScopeClaimError } from '../../domain/scope-claims.js';
import type { Scope } from '../../domain/viewer.js';
import type { ApiKeyRecord, ApiKeyRole } from '../../core/store/api-keys.js';
import type { ServiceKernel } from '../../core/kernel.js';
import type { Connection } from '../../core/pagination.js';

/**
 * API keys (admin): create (the secret is answered once), list (never a secret), revoke. The request rules
 * (`checkKeyRequest`) are shared with `npm run keys` (scripts/keys.ts), so both refuse the same things.
 */

export const API_KEY_ROLES = ['reader', 'operator', 'admin', 'customer', 'reseller'] as const;

/** What a caller asks for: a name, a role, and for `customer` / `reseller` a scope (the JWT claims' shape). */
export interface ApiKeyRequest {
  name: string;
  role: ApiKeyRole;
  scope?: {
    customerIds?: readonly string[] | null;
    projectIds?: readonly string[] | null;
    ops?: readonly string[] | null;
    quota?: number | null;
  } | null;
}

/** A checked request: the trimmed name and the claims to store (null for a global role). */
export interface CheckedKeyRequest {
  name: string;
  role: ApiKeyRole;
  claims: Record<string, unknown> | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:@-]{0,99}$/;

/**
 * Checks a key request. `reservedNames`: names of the keys configured in API_KEYS (a stored key may not take
 * one: both would act as `key:<name>`). Every broken rule is reported (InputErrors; fields `name`, `scope`).
 */
export function checkKeyRequest(request: ApiKeyRequest, reservedNames: readonly string[] = []): CheckedKeyRequest {
  const errors: InputError[] = [];
  const name = request.name.trim();
  if (!NAME.test(name)) {
    errors.push(
      new InputError(
        'name',
        'A key name is 1 to 100 characters: letters, digits, space and . _ : @ -, starting with a letter or digit.',
      ),
    );
  } else if (reservedNames.includes(name)) {
    errors.push(new InputError('name', 'This name belongs to a key configured in API_KEYS.', ErrorCode.CONFLICT));
  }
  if (!(API_KEY_ROLES as readonly string[]).includes(request.role)) {
    errors.push(new InputError('role', `The role must be one of ${API_KEY_ROLES.join(', ')}.`));
  }
  let claims: Record<string, unknown> | null = null;
  const scope = request.scope ?? null;
  if (request.role === 'customer' || request.role === 'reseller') {
    claims = {};
    if (scope?.customerIds != null) claims.vg_customers = [...new Set(scope.customerIds)];
    if (scope?.projectIds != null) claims.vg_projects = [...new Set(scope.projectIds)];
    if (scope?.ops != null) claims.vg_ops = [...new Set(scope.ops)];
    if (scope?.quota != null) claims.vg_quota = scope.quota;
    try {
      parseScope(request.role, claims, `key:${name}`);
    } catch (error) {
      if (!(error instanceof ScopeClaimError)) throw error;
      errors.push(new InputError('scope', `The scope is invalid: ${error.message}`));
    }
  } else if (scope !== null) {
    errors.push(new InputError('scope', 'A reader, operator or admin key is global: give no scope.'));
  }
  if (errors.length === 1) throw errors[0] as InputError;
  if (errors.length > 1) throw new InputErrors(errors);
  return { name, role: request.role, claims };
}

/** A stored key's scope as the authenticator reads it (defaults applied); null for a global role or a bad scope. */
export function effectiveScope(record: Pick<ApiKeyRecord, 'name' | 'role' | 'scope'>): Scope | null {
  if (record.role !== 'customer' && record.role !== 'reseller') return null;
  try {
    return parseScope(record.role, record.scope ?? {}, `key:${record.name}`);
  } catch (error) {
    if (error instanceof ScopeClaimError) return null; // such a key is refused at authentication
    throw error;
  }
}

/** The opaque global id of a stored key. */
export function apiKeyId(rawId: string): string {
  return encodeId('ApiKey', STORE_SOURCE, rawId);
}

export class ApiKeyService {
  constructor(private readonly kernel: ServiceKernel) {}

  /** Creates a key; the secret is in this answer only (never stored, logged or journaled). */
  async create(request: ApiKeyRequest): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    this.guard();
    const reserved = this.kernel.deps.config.apiKeys.map((k) => k.name);
    const checked = checkKeyRequest(request, reserved);
    return this.kernel.journaled(
      {
        operation: 'createApiKey',
        provider: null,
        target: `key:${checked.name}`,
        input: { name: checked.name, role: checked.role, scope: checked.claims },
      },
      async () => {
        const { key, record } = await this.kernel.store.createApiKey(checked.name, checked.role, checked.claims);
        return { apiKey: record, secret: key };
      },
    );
  }

  /** Keys oldest first, revoked ones included. */
  list(first: number, after: string | null): Promise<Connection<ApiKeyRecord>> {
    this.guard();
    return this.kernel.offsetList({ first, after }, (offset, limit) =>
      this.kernel.store.listApiKeys({ offset, limit }),
    );
  }

  /** Revokes a key: the next request with it is refused, on every replica. Revoking twice answers the key. */
  async revoke(id: string): Promise<ApiKeyRecord> {
    this.guard();
    const gid = this.kernel.decode(id, 'ApiKey');
    const existing = gid.source === STORE_SOURCE ? await this.kernel.store.getApiKey(gid.nativeId) : null;
    if (!existing) throw new InputError('id', 'No such API key.', ErrorCode.NOT_FOUND);
    return this.kernel.journaled(
      { operation: 'revokeApiKey', provider: null, target: `key:${existing.name}`, input: { id } },
      async () => {
        const revoked = await this.kernel.store.revokeApiKey(existing.id);
        if (!revoked) throw new InputError('id', 'No such API key.', ErrorCode.NOT_FOUND);
        return revoked;
      },
    );
  }

  /** Admins only (the resolvers say so too); a scoped credential never manages keys. */
  private guard(): void {
    this.kernel.scope.requireUnscoped('API keys');
    if (!this.kernel.deps.viewer.roles.has('admin'))
      throw new InputError('', 'Only an admin manages API keys.', ErrorCode.FORBIDDEN);
  }
}
