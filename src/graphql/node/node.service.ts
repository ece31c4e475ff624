import { InputError } from '../../domain/errors.js';
import { decodeId, encodeId, type EntityType, type GlobalId } from '../../domain/ids.js';
import type { AccountService } from '../../modules/accounts/index.js';
import type { BulkService } from '../../modules/bulk/index.js';
import { moveView, type MoveService } from '../../modules/moves/index.js';
import type { CatalogService } from '../../modules/catalog/index.js';
import type { CustomerService } from '../../modules/customers/index.js';
import type { ProjectService } from '../../modules/projects/index.js';
import type { SyncAdminService } from '../../modules/sync/index.js';

const MAX_NODES = 100;

/** Any entity by global id (`node`, `nodes`, federation `_entities`); results carry their `__typename`. */
export class NodeService {
  static readonly MAX_NODES = MAX_NODES;

  constructor(
    private readonly parts: {
      accounts: AccountService;
      customers: CustomerService;
      projects: ProjectService;
      catalog: CatalogService;
      sync: SyncAdminService;
      bulk: BulkService;
      moves: MoveService;
    },
  ) {}

  /** `maxAge`: the age of mirrored account state the caller accepts (ms; default MIRROR_MAX_AGE_MS). */
  node(id: string, maxAge?: number | null): Promise<object | null> {
    const allowed = this.parts.accounts.allowedAge(maxAge);
    const gid = decodeId(id);
    if (!gid) throw new InputError('id', '`id` is not a valid id.');
    return this.load(gid, allowed);
  }

  nodes(ids: string[], maxAge?: number | null): Promise<Array<object | null>> {
    const allowed = this.parts.accounts.allowedAge(maxAge);
    if (ids.length > MAX_NODES) throw new InputError('ids', `At most ${MAX_NODES} ids at once.`);
    const gids = ids.map((id, i) => {
      const gid = decodeId(id);
      if (!gid) throw new InputError('ids', `ids[${i}] is not a valid id.`);
      return gid;
    });
    return Promise.all(gids.map((gid) => this.load(gid, allowed)));
  }

  /** A federation reference: null when the id is not one of `type`. */
  reference(type: EntityType, id: string): Promise<object | null> | null {
    const gid = decodeId(id);
    if (!gid || gid.type !== type) return null;
    return this.load(gid);
  }

  private async load(gid: GlobalId, maxAgeMs?: number): Promise<object | null> {
    const { accounts, customers, projects, catalog, sync, bulk, moves } = this.parts;
    const provider = gid.source === 'STORE' ? null : gid.source;
    const key = provider ? { provider, nativeId: gid.nativeId } : null;
    let value: object | null = null;
    switch (gid.type) {
      case 'Account':
        value = key ? await accounts.entity(key, maxAgeMs) : null;
        break;
      case 'Customer':
        value = await customers.entity({ provider, nativeId: gid.nativeId });
        break;
      case 'Project':
        value = key ? await projects.entity(key) : null;
        break;
      case 'Plan':
        value = key ? await catalog.plan(key) : null;
        break;
      case 'Server':
        value = key ? await catalog.server(key) : null;
        break;
      case 'SyncRun':
      case 'SyncIssue': {
        // Operators only; others are answered as if there were no such object.
        if (!sync.visible || !key) break;
        const id = encodeId(gid.type, gid.source, gid.nativeId);
        value = gid.type === 'SyncRun' ? await sync.run(id) : await sync.issue(id);
        break;
      }
      case 'BulkOperation':
        value = provider ? null : await bulk.node(gid.nativeId);
        break;
      case 'AccountMove': {
        const move = provider ? null : await moves.node(gid.nativeId);
        value = move ? moveView(move) : null;
        break;
      }
      case 'AccountEvent':
      case 'WebhookEndpoint':
      case 'WebhookDelivery':
      case 'ApiKey':
        // Valid ids; not loaded by `node` yet (read them through accountHistory / webhookEndpoints / apiKeys).
        break;
    }
    return value ? { ...value, __typename: gid.type } : null;
  }
}
