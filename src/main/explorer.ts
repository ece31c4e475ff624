import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { Kind, parse, print, visit, type ASTNode, type FragmentDefinitionNode } from 'graphql';

/**
 * The offline explorer: GraphiQL served entirely by this server. `GET /graphql` (or `/`) with `Accept: text/html`
 * answers a page whose every script and style comes from /explorer/* (GraphiQL's and React's UMD builds read from
 * node_modules, fonts inlined in GraphiQL's CSS), so it works with no internet access. It opens one tab per file
 * of schema/operations/ (with the fragments each uses), a headers editor prefilled for X-Api-Key / Authorization,
 * and subscriptions over graphql-ws on the same URL.
 */

export const EXPLORER_PREFIX = '/explorer';

interface Asset {
  file: string;
  type: string;
}

const require = createRequire(import.meta.url);

/** Directory of an installed package (its package.json may be the only subpath it exports). */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function assets(): Record<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  return {
    'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: js },
    'react-dom.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: js },
    'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: js },
    'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  };
}

export interface ExplorerTab {
  query: string;
  headers?: string;
}

/** schema/operations/ beside the code (src/ or dist/src/), found by walking up; absent in a bare image. */
function operationsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'schema', 'operations');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** One tab per shipped operations file, with the fragments (from any file) it spreads appended. */
export function explorerTabs(dir: string | undefined = operationsDir()): ExplorerTab[] {
  if (!dir) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  const documents = files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return { file, text, document: parse(text) };
  });
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { document } of documents) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const spreads = (node: ASTNode): string[] => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (s) => void names.push(s.name.value) });
    return names;
  };
  const tabs: ExplorerTab[] = [];
  for (const { file, text, document } of documents) {
    if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) continue; // fragments only
    const own = new Set(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
    );
    const needed: string[] = [];
    const pending = spreads(document);
    while (pending.length > 0) {
      const name = pending.pop()!;
      const fragment = fragments.get(name);
      if (own.has(name) || needed.includes(name) || !fragment) continue;
      needed.push(name);
      pending.push(...spreads(fragment));
    }
    const appended = needed.sort().map((n) => print(fragments.get(n)!));
    tabs.push({ query: [`# schema/operations/${file}`, text.trim(), ...appended].join('\n\n') + '\n' });
  }
  return tabs;
}

/** The headers editor's starting text: fill in one of them. */
export const EXPLORER_HEADERS = JSON.stringify({ 'X-Api-Key': '', Authorization: 'Bearer ' }, null, 2);

/** The page: local assets only; the configuration is JSON in a non-executable script element. */
export function explorerHtml(tabs: readonly ExplorerTab[]): string {
  const config = JSON.stringify({ tabs, headers: EXPLORER_HEADERS }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vpn-graph explorer</title>
<link rel="stylesheet" href="${EXPLORER_PREFIX}/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script id="explorer-config" type="application/json">${config}</script>
<script src="${EXPLORER_PREFIX}/react.js"></script>
<script src="${EXPLORER_PREFIX}/react-dom.js"></script>
<script src="${EXPLORER_PREFIX}/graphiql.js"></script>
<script src="${EXPLORER_PREFIX}/explorer.js"></script>
</body>
</html>
`;
}

/** Starts GraphiQL against this page's own URL (HTTP and graphql-ws; the headers editor's values authenticate both). */
export const EXPLORER_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var http = new URL(window.location.pathname === '/' ? '/graphql' : window.location.pathname, window.location.href);
  var ws = new URL(http.href);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({ url: http.href, subscriptionUrl: ws.href });
  var tabs = config.tabs.map(function (t) { return { query: t.query, headers: config.headers }; });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs.length ? tabs : undefined,
      defaultHeaders: config.headers,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

/** Apollo landing page plugin: the explorer page on GET with Accept: text/html. */
export function explorerLandingPagePlugin(): ApolloServerPlugin<BaseContext> {
  const html = explorerHtml(explorerTabs());
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}

/** GET /explorer/<asset>: the explorer's scripts and styles, read once from node_modules. */
export function registerExplorerAssets(fastify: FastifyInstance): void {
  const files = assets();
  const cache = new Map<string, Buffer>();
  const body = (name: string, asset: Asset): Buffer => {
    let data = cache.get(name);
    if (!data) cache.set(name, (data = readFileSync(asset.file)));
    return data;
  };
  for (const [name, asset] of Object.entries(files)) {
    fastify.get(`${EXPLORER_PREFIX}/${name}`, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(body(name, asset)),
    );
  }
  fastify.get(`${EXPLORER_PREFIX}/explorer.js`, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(EXPLORER_SCRIPT),
  );
}
