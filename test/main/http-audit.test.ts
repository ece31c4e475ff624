import { auditServer } from 'graphql-http';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * GraphQL-over-HTTP conformance: graphql-http's own `auditServer` against the real server.
 * 0 errors and 0 warnings; notices (MAY items) are listed in the output.
 */
describe('GraphQL over HTTP (graphql-http auditServer)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('passes every MUST and SHOULD audit', async () => {
    const results = await auditServer({ url: t.app.graphqlUrl });
    const failed = await Promise.all(
      results.map(async (r) => {
        if (r.status === 'ok') return null;
        const body = await r.response.text().catch(() => '');
        return { status: r.status, name: r.name, reason: r.reason, got: r.response.status, body: body.slice(0, 160) };
      }),
    ).then((list) => list.filter((f) => f !== null));
    const count = (s: string) => results.filter((r) => r.status === s).length;
    process.stdout.write(
      `http-audit: ${results.length} audits, ok=${count('ok')} notice=${count('notice')} warn=${count('warn')} error=${count('error')}\n` +
        failed.map((f) => `  [${f.status}] ${f.name} — ${f.reason} (HTTP ${f.got}) ${f.body}`).join('\n') +
        '\n',
    );
    expect(failed.filter((f) => f.status === 'error' || f.status === 'warn')).toEqual([]);
  });
});
