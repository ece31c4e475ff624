import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Layering of src/: reads the import statements (value and type-only, static and dynamic `import()`) of
 * every file under src/ and fails on a forbidden direction or any import cycle (type-only imports count: a
 * cycle of types is still two files that cannot be understood apart). See DESIGN.md "Layout".
 */

const SRC = resolve('src');

/**
 * The room a file lives in: the first folder under src/. Files directly in src/ are the app (start-up,
 * auth, wiring), except config.ts, which every layer but domain may read.
 */
export function layerOf(file: string): string {
  const rel = relative(SRC, file).split(/[\\/]/);
  if (rel.length > 1) return rel[0]!;
  return rel[0] === 'config.ts' ? 'config' : 'app';
}

/** layer → layers it must never import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  graphql: ['app'],
  services: ['graphql', 'app'],
  loaders: ['graphql', 'services', 'app'],
  store: ['graphql', 'services', 'loaders', 'app'],
  providers: ['graphql', 'services', 'loaders', 'store', 'app'],
  sandbox: ['graphql', 'services', 'loaders', 'store', 'app'],
  config: ['graphql', 'services', 'loaders', 'store', 'app'],
};
/** layer → the only layers it may import (domain: itself and lib; lib: nothing outside lib). */
const ONLY: Record<string, ReadonlySet<string>> = {
  domain: new Set(['domain', 'lib']),
  lib: new Set(['lib']),
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** Relative imports of a file, resolved to .ts files under src/. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

export function violations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, deps] of graph) {
    const from = layerOf(file);
    for (const dep of deps) {
      if (!dep.startsWith(SRC)) continue;
      const to = layerOf(dep);
      const only = ONLY[from];
      const bad = only ? !only.has(to) : (FORBIDDEN[from] ?? []).includes(to);
      if (bad) out.push(`${relative(SRC, file)} (${from}) imports ${relative(SRC, dep)} (${to})`);
    }
  }
  return out;
}

/** Every strongly connected component with more than one file (or a file importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map((f) => relative(SRC, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

function srcGraph(): Map<string, string[]> {
  return new Map(listFiles(SRC).map((f) => [f, importsOf(f)]));
}

describe('src/ layering', () => {
  const graph = srcGraph();

  it('reads a real import graph', () => {
    expect(graph.size).toBeGreaterThan(50);
    const schema = graph.get(join(SRC, 'graphql/schema.ts')) ?? [];
    expect(schema.some((d) => d.includes('/graphql/'))).toBe(true);
  });

  it('has no import pointing the wrong way', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('counts type-only, re-export and dynamic imports as edges', () => {
    const text =
      "import type { A } from './a.js';\nimport { b, type C } from './b.js';\nexport type { D } from './d.js';\nimport './e.js';\nconst f = await import('./f.js');\n";
    const deps = importsOf(join(SRC, 'x/y.ts'), text).map((d) => relative(SRC, d));
    expect(deps.sort()).toEqual(['x/a.ts', 'x/b.ts', 'x/d.ts', 'x/e.ts', 'x/f.ts']);
  });

  it('catches a forbidden direction and a cycle (self-check on a made-up graph)', () => {
    const f = (p: string) => join(SRC, p);
    const fake = new Map<string, string[]>([
      [f('services/a.ts'), [f('graphql/b.ts')]],
      [f('graphql/b.ts'), [f('services/a.ts')]],
      [f('domain/c.ts'), [f('providers/port.ts')]],
      [f('lib/d.ts'), [f('providers/http.ts'), f('lib/e.ts')]],
      [f('graphql/g.ts'), [f('auth.ts')]],
    ]);
    expect(violations(fake)).toEqual([
      'services/a.ts (services) imports graphql/b.ts (graphql)',
      'domain/c.ts (domain) imports providers/port.ts (providers)',
      'lib/d.ts (lib) imports providers/http.ts (providers)',
      'graphql/g.ts (graphql) imports auth.ts (app)',
    ]);
    expect(cycles(fake)).toEqual([['graphql/b.ts', 'services/a.ts']]);
  });
});
