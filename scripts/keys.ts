import { parseArgs } from 'node:util';
import { parseApiKeys } from '../src/config/checks.js';
import { ErrorCode, InputError, InputErrors } from '../src/domain/errors.js';
import { decodeId, STORE_SOURCE } from '../src/domain/ids.js';
import { acquireDirLock, type DirLock } from '../src/lib/dir-lock.js';
import { redact } from '../src/lib/redact.js';
import { API_KEY_ROLES, apiKeyId, checkKeyRequest, effectiveScope } from '../src/modules/keys/api-keys.service.js';
import { openStore, type Store } from '../src/core/store/store.js';
import { type ApiKeyRecord, type ApiKeyRole } from '../src/core/store/api-keys.js';

/**
 * `npm run keys -- create|list|revoke`: API keys for bootstrap (the first admin key) and scripts, on the
 * configured database (DATABASE_URL, else PGlite in DATA_DIR, default ./.data: it takes the directory's lock,
 * so stop a server running on that directory first, or use the GraphQL mutations). Same rules and store
 * functions as createApiKey / apiKeys / revokeApiKey. The secret is printed once, on create, and nowhere else.
 *
 *   create --name NAME --role reader|operator|admin|customer|reseller
 *          [--customer ID]... [--project ID]... [--op OPERATION]... [--quota N]
 *   list
 *   revoke ID          (the ApiKey id `list` prints)      revoke --name NAME
 *
 * `--json` prints JSON. Exit 0: done; 1: refused (the reason on stderr); 2: wrong usage.
 */

const USAGE = `usage: npm run keys -- create --name NAME --role ${API_KEY_ROLES.join('|')} [--customer ID]... [--project ID]... [--op OPERATION]... [--quota N] [--json]
       npm run keys -- list [--json]
       npm run keys -- revoke ID | --name NAME [--json]`;

class UsageError extends Error {}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        customer: { type: 'string', multiple: true },
        project: { type: 'string', multiple: true },
        op: { type: 'string', multiple: true },
        quota: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
})();

const ACTOR = 'cli:keys';

async function main(): Promise<number> {
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  const { store, lock } = await open();
  try {
    if (command === 'create') return await create(store);
    if (command === 'list') return await list(store);
    return await revoke(store, rest[0]);
  } finally {
    await store.close();
    lock?.release();
  }
}

async function open(): Promise<{ store: Store; lock: DirLock | null }> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { store: await openStore({ url }), lock: null };
  const dataDir = process.env.DATA_DIR?.trim() || './.data';
  if (dataDir === 'memory://') throw new UsageError('DATA_DIR=memory:// keeps nothing: set DATA_DIR or DATABASE_URL');
  const lock = acquireDirLock(dataDir); // one process per PGlite directory (a running server holds it)
  try {
    return { store: await openStore({ dataDir }), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function create(store: Store): Promise<number> {
  if (!values.name || !values.role) throw new UsageError('create needs --name and --role');
  const quota = values.quota === undefined ? null : Number(values.quota);
  if (quota !== null && !Number.isInteger(quota)) throw new UsageError('--quota must be a whole number');
  const role = values.role.toLowerCase() as ApiKeyRole; // checked by checkKeyRequest
  const scoped = role === 'customer' || role === 'reseller';
  const checked = checkKeyRequest(
    {
      name: values.name,
      role,
      scope:
        scoped || values.customer || values.project || values.op || quota !== null
          ? {
              customerIds: values.customer ?? null,
              projectIds: values.project ?? null,
              ops: values.op?.map((op) => op.toUpperCase()) ?? null,
              quota,
            }
          : null,
    },
    parseApiKeys(process.env.API_KEYS).map((k) => k.name),
  );
  const entry = { operation: 'createApiKey', provider: null, target: `key:${checked.name}` };
  const input = { name: checked.name, role: checked.role, scope: checked.claims };
  let created: Awaited<ReturnType<Store['createApiKey']>>;
  try {
    created = await store.createApiKey(checked.name, checked.role, checked.claims);
  } catch (error) {
    await journal(store, entry, input, error);
    throw error;
  }
  await journal(store, entry, input, null);
  const id = apiKeyId(created.id);
  if (values.json) {
    print({ ...view(created.record), secret: created.key });
  } else {
    process.stdout.write(
      `created API key "${checked.name}" (${checked.role}) id ${id}\n` +
        `secret (shown this once; send it as X-Api-Key): ${created.key}\n`,
    );
  }
  return 0;
}

async function list(store: Store): Promise<number> {
  const keys: ApiKeyRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.listApiKeys({ offset, limit: 500 });
    keys.push(...page.items);
    if (page.items.length < 500) break;
  }
  if (values.json) {
    print(keys.map(view));
    return 0;
  }
  for (const k of keys) {
    const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
    process.stdout.write(
      `${apiKeyId(k.id)}\t${k.name}\t${k.role}\t${state}\tcreated ${k.createdAt}\tlast used ${k.lastUsedAt ?? 'never'}\n`,
    );
  }
  if (keys.length === 0) process.stdout.write('no API keys in the store\n');
  return 0;
}

async function revoke(store: Store, idArg: string | undefined): Promise<number> {
  let record: ApiKeyRecord | null = null;
  if (values.name) {
    record = await store.getApiKeyByName(values.name);
  } else if (idArg) {
    const gid = decodeId(idArg);
    const raw = gid ? (gid.type === 'ApiKey' && gid.source === STORE_SOURCE ? gid.nativeId : null) : idArg;
    record = raw ? await store.getApiKey(raw) : null;
  } else {
    throw new UsageError('revoke needs an id or --name');
  }
  const entry = { operation: 'revokeApiKey', provider: null, target: `key:${record?.name ?? values.name ?? idArg}` };
  if (!record) {
    const error = new InputError(values.name ? 'name' : 'id', 'No such API key.', ErrorCode.NOT_FOUND);
    await journal(store, entry, { id: idArg ?? null, name: values.name ?? null }, error);
    throw error;
  }
  const revoked = await store.revokeApiKey(record.id);
  await journal(store, entry, { id: apiKeyId(record.id) }, null);
  if (values.json) print(revoked ? view(revoked) : null);
  else process.stdout.write(`revoked API key "${record.name}" (${apiKeyId(record.id)}) at ${revoked?.revokedAt}\n`);
  return 0;
}

/** A key as printed: its global id, never a hash or a secret. */
function view(k: ApiKeyRecord): Record<string, unknown> {
  const scope = effectiveScope(k);
  return {
    id: apiKeyId(k.id),
    name: k.name,
    role: k.role,
    scope: scope
      ? { customerIds: scope.customerIds, projectIds: scope.projectIds, ops: [...scope.ops], quota: scope.quota }
      : null,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
  };
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function journal(
  store: Store,
  entry: { operation: string; provider: null; target: string },
  input: Record<string, unknown>,
  error: unknown,
): Promise<void> {
  const code = error ? (error as { code?: unknown }).code : null;
  await store
    .journal({
      actor: ACTOR,
      ...entry,
      input,
      outcome: error ? 'error' : 'ok',
      errorCode: error ? (typeof code === 'string' ? code : 'INTERNAL') : null,
      requestId: null,
    })
    .catch(() => undefined);
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof InputErrors || error instanceof InputError) {
    const errors = error instanceof InputErrors ? error.errors : [error];
    for (const e of errors) process.stderr.write(`refused: ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}\n`);
    process.exitCode = 1;
  } else {
    // Never the stack or a driver's message verbatim: a connection string could ride along.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`failed: ${redact(message)}\n`);
    process.exitCode = 1;
  }
}
