import { startTestApp, type GqlResult, type TestApp } from '../helpers/app.js';

/**
 * Federated tracing (src/main/plugins.ts `inlineTraceWhenAsked`): a router that asks with
 * `apollo-federation-include-trace: ftv1` gets the request's trace in `extensions.ftv1` (a base64 protobuf `Trace`
 * with a node per resolved field); a request that does not ask gets none.
 */
describe('inline traces for the router (ftv1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_ANONYMOUS: 'true' });
  });
  afterAll(() => t.stop());

  type Providers = { providers: Array<{ name: string }> };
  /** The helper returns the whole body; `extensions` is not in its type. */
  const providers = (headers: Record<string, string>) =>
    t.gql<Providers>('{ providers { name } }', {}, headers) as Promise<
      GqlResult<Providers> & { extensions?: { ftv1?: string } }
    >;

  it('answers a trace of the resolved fields when the router asks for one', async () => {
    const res = await providers({ 'apollo-federation-include-trace': 'ftv1' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.providers).toHaveLength(4);
    const ftv1 = res.extensions?.ftv1;
    expect(typeof ftv1).toBe('string');
    // Protobuf strings are stored as UTF-8: the trace names the fields it timed.
    const trace = Buffer.from(ftv1!, 'base64').toString('latin1');
    expect(trace).toContain('providers');
    expect(trace).toContain('name');
  });

  it('answers no trace when none was asked for (or another format was)', async () => {
    const asked: Array<Record<string, string>> = [{}, { 'apollo-federation-include-trace': 'ftv2' }];
    for (const headers of asked) {
      const res = await providers(headers);
      expect(res.errors).toBeUndefined();
      expect(res.data?.providers).toHaveLength(4);
      expect(res.extensions?.ftv1).toBeUndefined();
    }
  });
});
