import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { PRODUCTION_SANDBOX } from './production-env.js';

/** Access control: API keys (config and store), JWT with pinned algorithm, roles, router secret, limits. */
describe('access and limits', () => {
  let t: TestApp;
  const JWT_SECRET = 'jwt-secret-for-tests-0123456789abcdef';
  const READER = 'reader-key-abcdefghijklmnop';
  const OPERATOR = 'operator-key-abcdefghijklmnop';
  const ADMIN = 'admin-key-abcdefghijklmnop';

  beforeAll(async () => {
    t = await startTestApp({
      ...PRODUCTION_SANDBOX,
      INTROSPECTION: 'false',
      API_KEYS: `ro:reader:${READER},ops:operator:${OPERATOR},root:admin:${ADMIN}`,
      JWT_SECRET,
      MAX_DEPTH: '6',
      MAX_ALIASES: '3',
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  const someAccount = async (): Promise<string> => {
    const res = await t.gql<{ accounts: { edges: Array<{ node: { id: string } }> } }>(
      '{ accounts(first: 1, filter: { providers: [VPNRESELLERS] }) { edges { node { id } } } }',
      {},
      { 'x-api-key': READER },
    );
    return res.data?.accounts.edges[0]?.node.id ?? '';
  };

  it('refuses anonymous callers in production', async () => {
    const res = await t.gql('{ providers { name } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown API key and a bad or wrongly-signed JWT', async () => {
    expect((await t.gql('{ providers { name } }', {}, { 'x-api-key': 'nope' })).status).toBe(401);
    expect((await t.gql('{ providers { name } }', {}, { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"admin"}').toString('base64url')}.`;
    expect((await t.gql('{ providers { name } }', {}, { authorization: `Bearer ${none}` })).status).toBe(401);
    const wrong = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-another-secret-xx'));
    expect((await t.gql('{ providers { name } }', {}, { authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it('lets a reader query but not mutate, an operator mutate, and only an admin read private keys', async () => {
    const id = await someAccount();
    expect(id).not.toBe('');
    const mutation =
      'mutation($id: ID!) { disableAccount(input: { accountId: $id }) { userErrors { code } account { status } } }';
    const asReader = await t.gql(mutation, { id }, { 'x-api-key': READER });
    expect(asReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const token = await new SignJWT({ role: 'operator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ops-ui')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const asOperator = await t.gql<{ disableAccount: { userErrors: unknown[]; account: { status: string } } }>(
      mutation,
      { id },
      { authorization: `Bearer ${token}` },
    );
    expect(asOperator.errors).toBeUndefined();
    expect(asOperator.data?.disableAccount.account.status).toBe('DISABLED');

    const secretQuery = 'query($id: ID!) { account(id: $id) { wireguard { publicKey privateKey } } }';
    const readerView = await t.gql<{ account: { wireguard: { privateKey: string | null } } }>(
      secretQuery,
      { id },
      { 'x-api-key': OPERATOR },
    );
    expect(readerView.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const adminView = await t.gql<{ account: { wireguard: { privateKey: string | null } } }>(
      secretQuery,
      { id },
      { 'x-api-key': ADMIN },
    );
    expect(adminView.errors).toBeUndefined();
    expect(adminView.data?.account.wireguard.privateKey).toMatch(/=$/);
  });

  it('accepts API keys kept (hashed) in the store', async () => {
    const { key } = await t.store.createApiKey('ci', 'reader');
    expect((await t.gql('{ providers { name } }', {}, { 'x-api-key': key })).status).toBe(200);
  });

  it('enforces depth, alias, token and cost limits and turns introspection off in production', async () => {
    const deep =
      '{ accounts(first: 1) { edges { node { customer { project { customers { nodes { project { customers { nodes { id } } } } } } } } } } }';
    const res = await t.gql(deep, {}, { 'x-api-key': READER });
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    const aliases =
      '{ a: providers { name } b: providers { name } c: providers { name } d: providers { name } e: providers { name } }';
    const res2 = await t.gql(aliases, {}, { 'x-api-key': READER });
    expect(res2.errors?.[0]?.message).toMatch(/alias/i);
    const tokens = await t.gql(`{ ${'__typename '.repeat(2100)} }`, {}, { 'x-api-key': READER });
    expect(tokens.errors?.[0]?.message).toMatch(/more th(an|at) 2000 tokens/i); // graphql-js spells it "more that"
    expect(tokens.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const costly = await t.gql(
      `{ accounts(first: 100) { edges { node { ${'id username status '.repeat(400)} } } } }`,
      {},
      { 'x-api-key': READER },
    );
    expect(costly.errors?.[0]?.message).toMatch(/cost limit/i);
    const intro = await t.gql('{ __schema { types { name } } }', {}, { 'x-api-key': READER });
    expect(intro.errors?.length).toBeGreaterThan(0);
  });
});

describe('router secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ROUTER_SECRET: 'router-shared-secret-xyz' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('requires the router secret header when configured', async () => {
    expect((await t.gql('{ providers { name } }')).status).toBe(401);
    expect((await t.gql('{ providers { name } }', {}, { 'x-router-secret': 'wrong' })).status).toBe(401);
    expect((await t.gql('{ providers { name } }', {}, { 'x-router-secret': 'router-shared-secret-xyz' })).status).toBe(
      200,
    );
  });
});
