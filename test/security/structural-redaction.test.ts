import { Writable } from 'node:stream';
import { createLogger } from '../../src/lib/logger.js';
import { secretCount } from '../../src/lib/redact.js';
import { encodeId } from '../../src/domain/ids.js';
import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Redaction is structural (#19 item 4): an operator-chosen password is dropped where it travels (by field
 * name), never registered as a value, so a password equal to another account's username or to a common
 * message blanks nothing anywhere else, and the registered set does not grow with the number of passwords.
 */
describe('structural redaction', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const KEY = 'admin-key-structural-0123456789abcdef';
  const headers = { 'x-api-key': KEY };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      { API_KEYS: `ops:admin:${KEY}`, ALLOW_ANONYMOUS: 'false', MAX_ALIASES: '30' },
      { logger: createLogger('trace', sink) },
    );
  });
  afterAll(() => t.stop());

  const LIST = /* GraphQL */ `
    query ($filter: AccountFilter) {
      accounts(first: 20, filter: $filter) {
        edges {
          node {
            id
            username
          }
        }
      }
    }
  `;
  type Page = { accounts: { edges: Array<{ node: { id: string; username: string } }> } };
  const CHANGE = /* GraphQL */ `
    mutation ($input: ChangeAccountPasswordInput!) {
      changeAccountPassword(input: $input) {
        account {
          id
        }
        userErrors {
          code
          message
        }
      }
    }
  `;
  type Change = { changeAccountPassword: { userErrors: Array<{ code: string; message: string }> } };

  it('a password equal to an account username or to "Account not found." changes nothing elsewhere', async () => {
    const page = await t.gql<Page>(LIST, { filter: { providers: ['VPNRESELLERS'] } }, headers);
    const [a, b] = page.data?.accounts.edges.map((e) => e.node) ?? [];
    if (!a || !b) throw new Error('the VPNresellers emulator has fewer than 2 accounts');
    const before = secretCount();
    const MESSAGE = 'Account not found.';
    for (const password of [b.username, MESSAGE]) {
      const res = await t.gql<Change>(CHANGE, { input: { accountId: a.id, password } }, headers);
      expect(res.data?.changeAccountPassword.userErrors).toEqual([]);
    }
    expect(secretCount()).toBe(before);
    lines.length = 0;

    // B's username still answers as itself in responses...
    const again = await t.gql<Page>(LIST, { filter: { providers: ['VPNRESELLERS'] } }, headers);
    expect(again.data?.accounts.edges.map((e) => e.node.username)).toContain(b.username);
    // ...an operation on B is journalled under its id, with nothing blanked...
    const disabled = await t.gql(
      `mutation ($id: ID!) { disableAccount(input: { accountId: $id }) { account { id username } userErrors { code } } }`,
      { id: b.id },
      headers,
    );
    expect(JSON.stringify(disabled)).toContain(b.username);
    expect(JSON.stringify(disabled)).not.toContain('[REDACTED]');
    const journal = await t.store.listJournal({ limit: 50 });
    expect(JSON.stringify(journal)).not.toContain('[REDACTED]');
    expect(journal.some((j) => j.operation.toLowerCase().includes('password'))).toBe(true);
    // ...and a vendor "not found" keeps its wording in errors and logs.
    const missing = await t.gql(
      `mutation ($id: ID!) { disableAccount(input: { accountId: $id }) { userErrors { code message } } }`,
      { id: encodeId('Account', ProviderName.VPNRESELLERS, '987654321') },
      headers,
    );
    expect(JSON.stringify(missing)).not.toContain('[REDACTED]');
    expect(JSON.stringify(missing)).toContain(MESSAGE);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('[REDACTED]');
  });

  it('the registered secret set stays the same size after 1,000 password changes', async () => {
    const page = await t.gql<Page>(LIST, { filter: { providers: ['VPNRESELLERS', 'WLVPN'] } }, headers);
    const ids = page.data?.accounts.edges.map((e) => e.node.id) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const before = secretCount();
    let changed = 0;
    for (let round = 0; changed < 1000; round++) {
      const aliases = Array.from({ length: 25 }, (_, i) => {
        const id = ids[(round * 25 + i) % ids.length] as string;
        return `c${i}: changeAccountPassword(input: { accountId: "${id}", password: "Pw${round}x${i}Secret9" }) { userErrors { code } }`;
      });
      const res = await t.gql<Record<string, { userErrors: unknown[] }>>(
        `mutation { ${aliases.join('\n')} }`,
        {},
        headers,
      );
      expect(res.errors).toBeUndefined();
      for (const r of Object.values(res.data ?? {})) expect(r.userErrors).toEqual([]);
      changed += aliases.length;
    }
    expect(changed).toBe(1000);
    expect(secretCount()).toBe(before);
    // None of those passwords is anywhere in the logs or the journal (dropped by field name).
    const everything = lines.join('\n') + JSON.stringify(await t.store.listJournal({ limit: 2000 }));
    expect(everything).not.toMatch(/Pw\d+x\d+Secret9/);
  }, 120_000);
});
