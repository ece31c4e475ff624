import fc from 'fast-check';
import type { GraphQLError } from 'graphql';
import { CrossProviderAccountList } from '../../../src/modules/accounts/account-list.service.js';
import { ProviderName, PROVIDER_ORDER } from '../../../src/providers/modules.js';
import type { AccountRecord } from '../../../src/domain/records.js';
import { ErrorCode, ProviderError } from '../../../src/domain/errors.js';
import type { AccountFilter, PageQuery, VpnProvider } from '../../../src/providers/port.js';
import { accountRecord } from '../../helpers/records.js';

/** A provider double with `n` accounts that counts list calls (pagination logic only; HTTP is tested elsewhere). */
function fakeProvider(name: ProviderName, n: number, opts: { fail?: boolean; knowsTotal?: boolean } = {}) {
  const accounts: AccountRecord[] = Array.from({ length: n }, (_, i) =>
    accountRecord(
      { provider: name, nativeId: `${name}-${i}`, username: `${name.toLowerCase()}${i}` },
      { providerStatus: 'x' },
    ),
  );
  const calls: Array<{ offset: number; limit: number }> = [];
  const provider = {
    name,
    async listAccounts(q: PageQuery<AccountFilter>) {
      calls.push({ offset: q.offset, limit: q.limit });
      if (opts.fail)
        throw new ProviderError({
          provider: name,
          operation: 'listAccounts',
          code: ErrorCode.UPSTREAM_UNAVAILABLE,
          message: `${name} down`,
        });
      return { items: accounts.slice(q.offset, q.offset + q.limit), totalCount: opts.knowsTotal === false ? null : n };
    },
  } as unknown as VpnProvider;
  return { provider, calls, accounts };
}

function list(providers: VpnProvider[], errors: GraphQLError[] = []) {
  return new CrossProviderAccountList(providers, {}, () => undefined, ['accounts'], errors);
}

async function walk(providers: VpnProvider[], size: number, forward: boolean): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await list(providers).page(
      forward ? { forward: true, size, after: cursor } : { forward: false, size, before: cursor },
    );
    const ids = page.edges.map((e) => e.node.nativeId);
    if (forward) seen.push(...ids);
    else seen.unshift(...ids);
    const more = forward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    cursor = forward ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    if (!more) break;
  }
  return seen;
}

describe('cross-provider accounts connection', () => {
  it('interleaves providers: the first page spans all four', async () => {
    const fakes = PROVIDER_ORDER.map((p) => fakeProvider(p, 50));
    const page = await list(fakes.map((f) => f.provider)).page({ forward: true, size: 100, after: null });
    expect(page.edges).toHaveLength(100);
    expect(page.edges.slice(0, 4).map((e) => e.node.provider)).toEqual(PROVIDER_ORDER);
    for (const f of fakes) expect(f.calls).toHaveLength(1); // one list call per provider for the page
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(await page.totalCount).toBe(200);
  });

  it('pages forwards and backwards over uneven providers returning every account exactly once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.boolean(),
        async (sizes, pageSize, forward, knowsTotal) => {
          const fakes = PROVIDER_ORDER.map((p, i) => fakeProvider(p, sizes[i] ?? 0, { knowsTotal }));
          const all = fakes.flatMap((f) => f.accounts.map((a) => a.nativeId));
          const seen = await walk(
            fakes.map((f) => f.provider),
            pageSize,
            forward,
          );
          expect(seen).toHaveLength(all.length);
          expect(new Set(seen).size).toBe(all.length);
          expect([...seen].sort()).toEqual([...all].sort());
          // forwards and backwards give the same order
          const other = await walk(
            fakes.map((f) => f.provider),
            pageSize,
            !forward,
          );
          expect(other).toEqual(seen);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('skips a failing provider, reports it, and still serves the others', async () => {
    const fakes = PROVIDER_ORDER.map((p) => fakeProvider(p, 10, { fail: p === ProviderName.WLVPN }));
    const errors: GraphQLError[] = [];
    const page = await list(
      fakes.map((f) => f.provider),
      errors,
    ).page({ forward: true, size: 100, after: null });
    expect(page.edges).toHaveLength(30);
    expect(page.edges.some((e) => e.node.provider === ProviderName.WLVPN)).toBe(false);
    expect(page.failures.map((f) => [f.provider, f.code])).toEqual([
      [ProviderName.WLVPN, ErrorCode.UPSTREAM_UNAVAILABLE],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(errors[0]?.path).toEqual(['accounts']);
    expect(await page.totalCount).toBeNull();
  });

  it('rejects a foreign cursor with a typed error', async () => {
    const fakes = PROVIDER_ORDER.map((p) => fakeProvider(p, 3));
    await expect(
      list(fakes.map((f) => f.provider)).page({ forward: true, size: 2, after: 'bm90LWEtY3Vyc29y' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      field: 'after',
    });
  });
});
