import http from 'node:http';
import net from 'node:net';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import got, { Options, type OptionsInit } from 'got';
import {
  gotMethodMatches,
  gotOwnCreateNativeRequestOptions,
  installGotOptionsFix,
} from '../../src/providers/got-options.js';
import { UpstreamHttp } from '../../src/providers/http.js';

/**
 * got's per-call Node request options, built without Node 20's slow spreads (src/providers/got-options.ts): the
 * replacement must be in place over got's own method and give the very same object for every kind of request.
 */
describe('got request options without slow spreads', () => {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  afterAll(() => {
    agents.http.destroy();
    agents.https.destroy();
  });

  it('is installed over the method it was written against (a got upgrade must re-check it)', () => {
    expect(gotMethodMatches()).toBe(true);
    expect(installGotOptionsFix()).toBe(true);
    expect(Options.prototype.createNativeRequestOptions).not.toBe(gotOwnCreateNativeRequestOptions);
  });

  const cases: Array<[string, string, OptionsInit]> = [
    ['plain GET over http', 'http://127.0.0.1:8080/v2/customers', { method: 'GET', agent: agents }],
    [
      'POST with headers, a body and our client settings',
      'http://127.0.0.1:8080/v4_1/accounts',
      {
        method: 'POST',
        agent: agents,
        headers: { 'x-request-id': 'r-1', authorization: 'Bearer t' },
        json: { username: 'a' },
        timeout: { connect: 5000, response: 10000 },
        throwHttpErrors: false,
        followRedirect: false,
      },
    ],
    [
      'https with TLS options',
      'https://vendor.example:8443/api',
      {
        method: 'PUT',
        agent: agents,
        https: {
          rejectUnauthorized: false,
          certificateAuthority: 'CA',
          serverName: 'vendor.example',
          alpnProtocols: ['http/1.1'],
          minVersion: 'TLSv1.2',
          ciphers: 'HIGH',
          checkServerIdentity: () => undefined,
        },
      },
    ],
    [
      'https with the defaults, DNS and socket settings',
      'https://vendor.example/api',
      {
        dnsLookup: () => undefined,
        dnsLookupIpVersion: 4,
        localAddress: '127.0.0.1',
        setHost: false,
        maxHeaderSize: 32_768,
        createConnection: () => new net.Socket(),
      },
    ],
    [
      'a UNIX socket (its spread keys: socketPath, path)',
      'http://unix:/tmp/vendor.sock:/v2/plans',
      { enableUnixSockets: true },
    ],
    ['HTTP/2 (left to got itself)', 'https://vendor.example/api', { http2: true }],
    [
      'HTTP/2 asked for over http (got passes its timeout option)',
      'http://vendor.example/api',
      { http2: true, timeout: { request: 1000 } },
    ],
  ];

  it.each(cases)('%s: the same keys and values as got builds', (_name, url, init) => {
    const options = new Options(url, init);
    const ours = options.createNativeRequestOptions() as unknown as Record<string, unknown>;
    const gots = gotOwnCreateNativeRequestOptions.call(
      options as unknown as ThisParameterType<typeof gotOwnCreateNativeRequestOptions>,
    );
    expect(Object.keys(ours).sort()).toEqual(Object.keys(gots).sort());
    expect(ours).toStrictEqual(gots);
  });

  it('sends real requests through got and UpstreamHttp as before', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${String(req.headers['x-api-key'])}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const upstream = new UpstreamHttp('WLVPN', base);
    try {
      const direct = await got(`${base}/a?b=1`, { agent: agents, headers: { 'x-api-key': 'k1' } }).json();
      const viaUs = await upstream.send({
        operation: 'probe',
        method: 'GET',
        path: 'v2/plans',
        searchParams: { page: 2 },
        idempotent: true,
        headers: { 'x-api-key': 'k2' },
      });
      expect(direct).toEqual({ ok: true, path: '/a?b=1' });
      expect(viaUs.status).toBe(200);
      expect(JSON.parse(viaUs.body)).toEqual({ ok: true, path: '/v2/plans?page=2' });
      expect(seen).toEqual(['GET /a?b=1 k1', 'GET /v2/plans?page=2 k2']);
    } finally {
      upstream.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
