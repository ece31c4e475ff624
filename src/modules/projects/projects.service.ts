import { ErrorCode, InputError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import { PROVIDER_ORDER, type ProviderName } from '../../providers/modules.js';
import { ID_CODEC, type Codec } from '../../core/keyed-write.js';
import type { CustomerRecord, ProjectRecord } from '../../domain/records.js';
import type { Page, PageQuery, VpnProvider } from '../../providers/port.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { ReadModel } from '../../core/mirror/read-model.js';
import type { Connection, ConnectionArgs } from '../../core/pagination.js';
import type { FailureView } from '../accounts/index.js';
import type { CustomerList } from '../customers/index.js';
import { ListFailures, storedOrLiveList } from '../customers/index.js';

/** A page of projects and the providers that could not contribute to it. */
export interface ProjectList extends Connection<ProjectRecord> {
  failures: FailureView[];
}

export interface ProjectFields {
  name: string;
  description: string;
}

/** Projects: held by the providers whose `features.projects` is true. No provider is named here. */
export class ProjectService {
  constructor(private readonly k: ServiceKernel) {}

  byId(id: string): Promise<ProjectRecord | null> | null {
    const gid = this.k.decode(id, 'Project');
    if (gid.source === 'STORE') return null;
    return this.entity({ provider: gid.source, nativeId: gid.nativeId });
  }

  entity(key: { provider: ProviderName; nativeId: string }): Promise<ProjectRecord | null> {
    if (!this.k.scope.ownsProject(key)) return Promise.resolve(null);
    return this.k.loaders.project.load(key);
  }

  /**
   * Projects of one provider; without `provider`, of every provider with projects (one after the other). Each
   * provider's list comes from the store when its whole list was read within the allowed age, else live
   * (stored-lists.ts); a provider that fails is in `failures`.
   */
  async list(
    args: ConnectionArgs,
    provider: ProviderName | null,
    path: ReadonlyArray<string | number> = ['projects'],
  ): Promise<ProjectList> {
    if (this.k.scope.scoped)
      return { ...(await this.k.offsetList(args, (o, l) => this.scopeProjects(provider, o, l))), failures: [] };
    const sources = provider ? [this.withProjects(provider)] : this.providersWithProjects();
    const failures = new ListFailures(this.k, path);
    const model = new ReadModel(this.k.store.db);
    const lists = sources.map((p) =>
      storedOrLiveList<ProjectRecord>(
        model,
        {
          provider: p.name,
          kind: 'projects',
          whole: true,
          stored: (m, q) => m.listProjects(p.name, q),
          live: (q) => p.listProjects(q),
        },
        this.k.storedAge,
        failures,
      ),
    );
    const connection = await this.k.offsetList(args, (offset, limit) => concatPages(lists, offset, limit));
    return { ...connection, failures: failures.views };
  }

  /** The customers of a project: from the store when its provider's customer list is fresh there, else live. */
  async customers(
    project: ProjectRecord,
    args: ConnectionArgs,
    path: ReadonlyArray<string | number>,
  ): Promise<CustomerList> {
    // A scoped caller sees the customers of its own projects only (an account's project is no way in).
    if (!this.k.scope.ownsProject(project))
      return { ...(await this.k.offsetList(args, async () => ({ items: [], totalCount: 0 }))), failures: [] };
    const p = this.k.provider(project.provider);
    const failures = new ListFailures(this.k, path);
    const source = storedOrLiveList<CustomerRecord>(
      new ReadModel(this.k.store.db),
      {
        provider: project.provider,
        kind: 'customers',
        whole: false,
        stored: (m, q) => m.listCustomers(project.provider, { ...q, projectNativeId: project.nativeId }),
        live: (q) => p.listCustomers({ ...q, filter: { projectNativeId: project.nativeId } }),
      },
      this.k.storedAge,
      failures,
    );
    const connection = await this.k.offsetList(args, (offset, limit) => source({ offset, limit }));
    return { ...connection, failures: failures.views };
  }

  /** Creates a project at `provider`, or, when omitted, at the one provider with projects. */
  async create(
    fields: ProjectFields,
    provider: ProviderName | null = null,
    key: string | null = null,
  ): Promise<ProjectRecord> {
    this.k.scope.requireUnscoped('createProject');
    const at = provider ?? this.theProviderWithProjects().name;
    return this.k.journaledOnce(
      { operation: 'createProject', provider: at, target: fields.name, input: { ...fields } },
      { key, idempotent: false, codec: this.codec },
      async () => {
        const input = checkProject(fields);
        const target = provider ? this.withProjects(provider) : this.theProviderWithProjects();
        const created = await target.createProject(input);
        // The store keeps it: a stored list of this provider's projects shows it at once.
        await new ReadModel(this.k.store.db).putProjects(target.name, [created]);
        return created;
      },
    );
  }

  async update(projectId: string, fields: ProjectFields, key: string | null = null): Promise<ProjectRecord> {
    this.k.scope.requireUnscoped('updateProject');
    const gid = this.k.decodeAtProvider(projectId, 'Project', 'projectId');
    return this.k.journaledOnce(
      { operation: 'updateProject', provider: gid.provider, target: projectId, input: { projectId, ...fields } },
      { key, idempotent: true, codec: this.codec },
      async () => {
        const project = await this.withProjects(gid.provider).updateProject(gid.nativeId, checkProject(fields));
        // The vendor's answer is the project now: the store keeps it (a later read must not answer the old one).
        await new ReadModel(this.k.store.db).putProjects(gid.provider, [project]);
        this.k.loaders.project.clear(gid);
        return project;
      },
    );
  }

  /** Deletes a project (refused while it has customers); answers the deleted id. */
  async remove(projectId: string, key: string | null = null): Promise<string> {
    this.k.scope.requireUnscoped('deleteProject');
    const gid = this.k.decodeAtProvider(projectId, 'Project', 'projectId');
    return this.k.journaledOnce(
      { operation: 'deleteProject', provider: gid.provider, target: projectId, input: { projectId } },
      { key, idempotent: true, codec: ID_CODEC, gone: () => encodeId('Project', gid.provider, gid.nativeId) },
      async () => {
        await this.withProjects(gid.provider).deleteProject(gid.nativeId);
        await new ReadModel(this.k.store.db).forget('projects', gid.provider, [gid.nativeId]);
        this.k.loaders.project.clear(gid);
        return encodeId('Project', gid.provider, gid.nativeId);
      },
    );
  }

  /** A project as an idempotency record keeps it (its id) and reads it back on a replay. */
  private readonly codec: Codec<ProjectRecord> = {
    save: (p) => ({ id: encodeId('Project', p.provider, p.nativeId) }),
    load: async (stored) => {
      const gid = this.k.decodeAtProvider(String(stored.id), 'Project', 'projectId');
      const found = await this.k.loaders.project.load(gid);
      if (!found)
        throw new InputError(
          '',
          'The first request with this key succeeded, but the project is gone.',
          ErrorCode.NOT_FOUND,
        );
      return found;
    },
  };

  /** The projects a scope names (those that still exist), in claim order. */
  private async scopeProjects(
    provider: ProviderName | null,
    offset: number,
    limit: number,
  ): Promise<{ items: ProjectRecord[]; totalCount: number }> {
    const keys = (this.k.scope.scope?.projectIds ?? [])
      .map((id) => this.k.decodeAtProvider(id, 'Project'))
      .filter((key) => !provider || key.provider === provider);
    const found = (await this.k.loaders.project.loadMany(keys)).filter(
      (p): p is ProjectRecord => p !== null && !(p instanceof Error),
    );
    return { items: found.slice(offset, offset + limit), totalCount: found.length };
  }

  private providersWithProjects(): VpnProvider[] {
    const found = PROVIDER_ORDER.map((n) => this.k.provider(n)).filter((p) => p.features.projects);
    if (found.length === 0)
      throw new InputError('provider', 'No provider has projects.', ErrorCode.UNSUPPORTED_BY_PROVIDER);
    return found;
  }

  private theProviderWithProjects(): VpnProvider {
    const found = this.providersWithProjects();
    if (found.length > 1)
      throw new InputError(
        'provider',
        `Several providers have projects (${found.map((p) => p.name).join(', ')}); name one.`,
      );
    return found[0]!;
  }

  private withProjects(name: ProviderName): VpnProvider {
    const provider = this.k.provider(name);
    if (!provider.features.projects) throw new InputError('provider', `${name} has no projects.`);
    return provider;
  }
}

/**
 * One offset window over several paged sources, read one after the other (each source's `totalCount` tells
 * how far to skip; a source that cannot count is read up to the window).
 */
async function concatPages<T>(
  sources: Array<(q: PageQuery) => Promise<Page<T>>>,
  offset: number,
  limit: number,
): Promise<Page<T>> {
  if (sources.length === 1) return sources[0]!({ offset, limit });
  const items: T[] = [];
  let skip = offset;
  let total: number | null = 0;
  for (const source of sources) {
    const page = await source({ offset: skip, limit: Math.max(1, limit - items.length) });
    if (items.length < limit) items.push(...page.items.slice(0, limit - items.length));
    const size = page.totalCount ?? skip + page.items.length;
    skip = Math.max(0, skip - size);
    total = total !== null && page.totalCount !== null ? total + page.totalCount : null;
  }
  return { items, totalCount: total };
}

function checkProject(input: ProjectFields): ProjectFields {
  if (input.name.length === 0 || input.name.length > 255)
    throw new InputError('name', '`name` must be 1 to 255 characters.');
  if (input.description.length > 1000) throw new InputError('description', '`description` is at most 1000 characters.');
  return { name: input.name, description: input.description };
}
