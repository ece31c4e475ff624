import { EmulatorServer } from '../../src/sandbox/emulator-kit.js';

/** The emulators' shared machinery: routing, counters, every fault kind, the admin path. */
describe('EmulatorServer', () => {
  let state = 0;
  const make = (admin = false) => {
    const s = new EmulatorServer('t', { seed: 1, admin });
    s.route('GET', '/things/:id', (req) => ({ status: 200, json: { id: req.params.id, q: req.query.get('q') } }));
    s.route('POST', '/things', (req) => {
      state += 1;
      return { status: 201, json: { body: req.body } };
    });
    return s;
  };
  const s = make();
  let url: string;
  beforeAll(async () => {
    url = await s.start();
  });
  afterAll(async () => {
    await s.stop();
  });
  beforeEach(() => {
    s.clearFaults();
    s.resetStats();
  });

  it('routes with params, parses JSON and form bodies, answers 404/405, and counts per route', async () => {
    expect(await (await fetch(`${url}/things/a1?q=x`)).json()).toEqual({ id: 'a1', q: 'x' });
    const json = await fetch(`${url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await json.json()).toEqual({ body: { a: 1 } });
    const form = await fetch(`${url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=two',
    });
    expect(await form.json()).toEqual({ body: { a: '1', b: 'two' } });
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/things/1`, { method: 'DELETE' })).status).toBe(405);
    expect(s.count('GET /things/:id')).toBe(1);
    expect(s.count('POST /things')).toBe(2);
    expect(s.stats.total).toBe(5);
  });

  it('injects latency, errors, 429 with Retry-After, malformed bodies, resets and downtime', async () => {
    s.addFault({ kind: 'latency', latencyMs: 150, times: 1 });
    const t0 = Date.now();
    await fetch(`${url}/things/1`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    s.addFault({ kind: 'error', status: 502, times: 1 });
    expect((await fetch(`${url}/things/1`)).status).toBe(502);
    s.addFault({ kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    const limited = await fetch(`${url}/things/1`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    s.addFault({ kind: 'malformed', times: 1 });
    await expect((await fetch(`${url}/things/1`)).json()).rejects.toThrow();
    s.addFault({ kind: 'reset', times: 1 });
    await expect(fetch(`${url}/things/1`)).rejects.toThrow();
    s.addFault({ kind: 'down', route: 'GET /things/:id' });
    await expect(fetch(`${url}/things/1`)).rejects.toThrow();
    expect((await fetch(`${url}/things`, { method: 'POST' })).status).toBe(201); // other routes unaffected
    s.clearFaults();
    expect((await fetch(`${url}/things/1`)).status).toBe(200);
  });

  it("phase 'after' runs the handler before the fault hits (outcome unknown to the caller)", async () => {
    const before = state;
    s.addFault({ kind: 'reset', phase: 'after', route: 'POST /things', times: 1 });
    await expect(fetch(`${url}/things`, { method: 'POST' })).rejects.toThrow();
    expect(state).toBe(before + 1);
  });

  it('applies probability with seeded dice, reproducibly', async () => {
    const run = async () => {
      const e = make();
      const u = await e.start();
      e.addFault({ kind: 'error', probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${u}/things/1`)).status);
      await e.stop();
      return statuses;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.filter((x) => x === 503).length).toBeGreaterThan(3);
    expect(a.filter((x) => x === 200).length).toBeGreaterThan(3);
  });

  it('serves the admin path only when enabled', async () => {
    expect((await fetch(`${url}/__admin/stats`)).status).toBe(404);
    const a = make(true);
    const u = await a.start();
    try {
      const added = await fetch(`${u}/__admin/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'error', status: 500, times: 1 }),
      });
      expect(added.status).toBe(201);
      expect((await fetch(`${u}/things/1`)).status).toBe(500);
      const stats = (await (await fetch(`${u}/__admin/stats`)).json()) as { total: number };
      expect(stats.total).toBe(1);
      await fetch(`${u}/__admin/reset`, { method: 'POST' });
      expect(((await (await fetch(`${u}/__admin/stats`)).json()) as { total: number }).total).toBe(0);
    } finally {
      await a.stop();
    }
  });
});
