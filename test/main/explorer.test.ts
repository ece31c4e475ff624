import { readdirSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { buildSubgraph } from '../../src/graphql/schema.js';
import { loadConfig } from '../../src/config/config.js';
import { explorerTabs } from '../../src/main/explorer.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { PRODUCTION_SANDBOX } from '../security/production-env.js';

/**
 * The offline explorer (LANDING_PAGE=graphiql, the development default): the page and everything it loads come
 * from this server. What is checked is what a browser LOADS — <script src>, <link href>, CSS url(), import(),
 * importScripts(), new Worker() — not every URL-looking string (bundles carry licence and documentation links).
 */

const HTML = { accept: 'text/html' };

/** Attribute values of a tag kind (`src` of <script>, `href` of <link>, …). */
function attributes(html: string, tag: string, attribute: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))) {
    const value = new RegExp(`\\b${attribute}\\s*=\\s*["']([^"']*)["']`, 'i').exec(m[0])?.[1];
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** URLs a script or stylesheet makes the browser fetch, when written as literals. */
function loadedUrls(text: string): string[] {
  const patterns = [
    /url\(\s*["']?([^"')]+)["']?\s*\)/g, // CSS url()
    /@import\s+["']([^"']+)["']/g, // CSS @import
    /\bimport\(\s*["'`]([^"'`]+)["'`]/g, // dynamic import()
    /\bimportScripts\(\s*["'`]([^"'`]+)["'`]/g,
    /\bnew\s+(?:Shared)?Worker\(\s*["'`]([^"'`]+)["'`]/g,
    /\bfetch\(\s*["'`](https?:[^"'`]+)["'`]/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]!));
}

/** A URL resolves to this server (relative, same origin) or is inline data. */
function isLocal(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('#')) return true;
  const resolved = new URL(url, origin);
  return resolved.origin === origin || resolved.hostname === 'localhost' || resolved.hostname === '127.0.0.1';
}

describe('offline explorer (GraphiQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.stop());

  it('serves GraphiQL on GET /graphql and /, and every asset it loads from this server', async () => {
    const origin = new URL(t.app.url).origin;
    const page = await fetch(t.app.graphqlUrl, { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="graphiql">');
    expect((await (await fetch(`${t.app.url}/`, { headers: HTML })).text()).length).toBe(html.length);

    const scripts = attributes(html, 'script', 'src');
    const styles = attributes(html, 'link', 'href');
    expect(scripts).toEqual([
      '/explorer/react.js',
      '/explorer/react-dom.js',
      '/explorer/graphiql.js',
      '/explorer/explorer.js',
    ]);
    expect(styles).toEqual(['/explorer/graphiql.css']);
    // nothing in the page itself reaches another host (inline styles, images, iframes, preloads)
    for (const [tag, attr] of [
      ['img', 'src'],
      ['iframe', 'src'],
      ['link', 'href'],
      ['script', 'src'],
    ] as const) {
      for (const url of attributes(html, tag, attr))
        expect({ url, local: isLocal(url, origin) }).toEqual({ url, local: true });
    }
    for (const url of loadedUrls(html)) expect({ url, local: isLocal(url, origin) }).toEqual({ url, local: true });

    let loaded = 0;
    for (const path of [...scripts, ...styles]) {
      const res = await fetch(new URL(path, origin));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toMatch(path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(path.endsWith('explorer.js') ? 100 : 10_000);
      for (const url of loadedUrls(body)) {
        loaded++;
        expect({ path, url: url.slice(0, 80), local: isLocal(url, origin) }).toEqual({
          path,
          url: url.slice(0, 80),
          local: true,
        });
      }
    }
    // GraphiQL's CSS inlines its fonts and icons: the check above saw them (data: URLs), so it can see a CDN one
    expect(loaded).toBeGreaterThan(5);
  });

  it('opens with one tab per shipped operations file, each with the fragments it uses, and the auth headers', async () => {
    const html = await (await fetch(t.app.graphqlUrl, { headers: HTML })).text();
    const json = /<script id="explorer-config" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
    const config = JSON.parse(json!) as { tabs: Array<{ query: string }>; headers: string };
    expect(JSON.parse(config.headers)).toEqual({ 'X-Api-Key': '', Authorization: 'Bearer ' });
    const files = readdirSync('schema/operations').filter((f) => f !== 'fragments.graphql' && f.endsWith('.graphql'));
    expect(config.tabs.map((tab) => /^# schema\/operations\/(\S+)/.exec(tab.query)?.[1])).toEqual(files.sort());
    // every tab is a complete document (its fragments included) valid against the served schema
    const { subgraph } = await buildSubgraph();
    for (const tab of config.tabs) {
      const errors = validate(subgraph, parse(tab.query)).map((e) => e.message);
      expect({ tab: tab.query.split('\n')[0], errors }).toEqual({ tab: tab.query.split('\n')[0], errors: [] });
    }
    expect(explorerTabs('schema/operations')).toEqual(config.tabs);
  });

  it('answers the same POST queries as before (the page is for browsers only)', async () => {
    const res = await t.gql('{ __typename }');
    expect(res).toEqual({ data: { __typename: 'Query' }, status: 200 });
  });
});

describe('LANDING_PAGE', () => {
  it('defaults to graphiql in development and off in production', () => {
    expect(loadConfig({}).landingPage).toBe('graphiql');
    expect(loadConfig({ ...PRODUCTION_SANDBOX }).landingPage).toBe('off');
    expect(loadConfig({ ...PRODUCTION_SANDBOX, LANDING_PAGE: 'graphiql' }).landingPage).toBe('graphiql');
    expect(() => loadConfig({ LANDING_PAGE: 'playground' })).toThrow(/LANDING_PAGE/);
  });

  it('apollo serves Apollo Sandbox (from its CDN) and no explorer assets; off serves no page', async () => {
    const apollo = await startTestApp({ LANDING_PAGE: 'apollo' });
    try {
      const html = await (await fetch(apollo.app.graphqlUrl, { headers: HTML })).text();
      expect(html).toContain('apollographql.com');
      expect((await fetch(`${apollo.app.url}/explorer/graphiql.js`)).status).toBe(404);
    } finally {
      await apollo.stop();
    }
    const off = await startTestApp({ LANDING_PAGE: 'off' });
    try {
      const res = await fetch(off.app.graphqlUrl, { headers: HTML });
      expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      expect((await fetch(`${off.app.url}/explorer/graphiql.js`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  }, 60_000);
});
