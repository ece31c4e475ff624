import { Writable } from 'node:stream';
import { createLogger } from '../../src/lib/logger.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import {
  CreateAccountDocument,
  ChangeAccountPasswordDocument,
  AccountDashboardDocument,
} from '../generated/operations.js';

/**
 * Drives failure paths with known secret values and greps every log line, response and journal entry:
 * no password, API key, Authorization header or credential may appear anywhere.
 */
describe('secrets never leak', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  let t: TestApp;
  const PASSWORDS = ['Sup3rSecretPassw0rd', 'Abcd1234', 'XyZ98765qwerTY12'];
  const API_KEY = 'api-key-leak-canary-0123456789';

  beforeAll(async () => {
    t = await startTestApp(
      {
        API_KEYS: `canary:admin:${API_KEY}`,
        UPSTREAM_RETRIES: '0',
        UPSTREAM_TIMEOUT_MS: '300',
        BREAKER_THRESHOLD: '1000',
        RECONCILE_WINDOW_MS: '0',
      },
      { logger: createLogger('trace', sink) },
    );
  });
  afterAll(async () => {
    await t.stop();
  });

  it('across failures of every provider', async () => {
    const bodies: string[] = [];
    const headers = { 'x-api-key': API_KEY };
    const kinds = ['error', 'reset', 'malformed', 'latency'] as const;
    let faults = 0;
    for (const provider of Object.values(ProviderName)) {
      for (const kind of kinds) {
        const server = t.emulator(provider).server;
        server.addFault({ kind, latencyMs: 700, status: 500 });
        faults += 1;
        const inputs = [
          { provider, username: `leak${kind}`, password: PASSWORDS[0], periodDays: 30 },
          { provider, password: PASSWORDS[2], periodDays: 30, planCode: 'STANDARD-30' },
        ];
        for (const input of inputs) {
          const res = await t.gql(CreateAccountDocument, { input: input as never }, headers);
          // A successful create returns the password once, by design; everything else must not carry it.
          if (res.data?.createAccount.userErrors.length === 0) res.data.createAccount.password = null;
          bodies.push(JSON.stringify(res));
        }
        bodies.push(JSON.stringify(await t.gql(AccountDashboardDocument, { first: 8 }, headers)));
        server.clearFaults();
      }
    }
    // a change of password that fails upstream, with a known new password
    const page = await t.gql(AccountDashboardDocument, { first: 8 }, headers);
    for (const edge of page.data?.accounts?.edges ?? []) {
      t.emulator(edge.node.provider).server.addFault({ kind: 'error', status: 502 });
      bodies.push(
        JSON.stringify(
          await t.gql(
            ChangeAccountPasswordDocument,
            { input: { accountId: edge.node.id, password: PASSWORDS[1] } },
            headers,
          ),
        ),
      );
      t.emulator(edge.node.provider).server.clearFaults();
    }
    // bad credentials in a header
    bodies.push(JSON.stringify(await t.gql('{ providers { name } }', {}, { authorization: `Bearer ${PASSWORDS[0]}` })));

    const journal = JSON.stringify(await t.store.listJournal({ limit: 1000 }));
    const everything = [...bodies, ...lines, journal].join('\n');
    const found = [...PASSWORDS, API_KEY].filter((s) => everything.includes(s));
    process.stdout.write(
      `redaction: faults injected=${faults} responses=${bodies.length} log lines=${lines.length} secrets found=${found.length}\n`,
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
    expect(everything).not.toMatch(/authorization:\s*(basic|bearer)\s+[A-Za-z0-9+/=._-]{8,}/i);
  });
});
