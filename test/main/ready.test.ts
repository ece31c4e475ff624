import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument } from '../generated/operations.js';

/** /ready: store, inline worker, each provider's breaker; /health stays a liveness answer. */
interface Ready {
  ok: boolean;
  status: string;
  store: string;
  worker: string;
  providers: Array<{ name: string; breaker: string }>;
  degraded?: string[];
}

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER: 'inline', BREAKER_THRESHOLD: '1', UPSTREAM_RETRIES: '0' });
  });
  afterAll(async () => {
    await t.stop();
  });
  const ready = async (): Promise<{ status: number; body: Ready }> => {
    const res = await fetch(`${t.app.url}/ready`);
    return { status: res.status, body: (await res.json()) as Ready };
  };

  it('reports the store, the running inline worker and closed breakers', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, status: 'ok', store: 'ok', worker: 'running' });
    expect(body.providers.map((p) => p.breaker)).toEqual(['closed', 'closed', 'closed', 'closed']);
  });

  it('an open breaker is reported as degraded, the replica stays ready; /health never looks at vendors', async () => {
    const server = t.emulator(ProviderName.WLVPN).server;
    server.addFault({ kind: 'error', status: 503 });
    try {
      await t.gql(AccountDashboardDocument, { first: 5 });
    } finally {
      server.clearFaults();
    }
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.degraded).toEqual(['WLVPN']);
    expect(body.providers.find((p) => p.name === 'WLVPN')?.breaker).toBe('open');
    expect(await (await fetch(`${t.app.url}/health`)).json()).toEqual({ status: 'ok' });
  });

  it('a store that does not answer makes the replica unready (503)', async () => {
    const ping = t.store.ping.bind(t.store);
    t.store.ping = () => Promise.reject(new Error('connection refused'));
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body).toMatchObject({ ok: false, status: 'unavailable', store: 'unreachable' });
      expect((await fetch(`${t.app.url}/health`)).status).toBe(200);
    } finally {
      t.store.ping = ping;
    }
  });
});
