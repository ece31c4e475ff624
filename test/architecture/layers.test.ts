import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Layering of src/: reads the import statements (value and type-only, static and dynamic `import()`) of
 * every file under src/ and fails on a forbidden direction or an import cycle. See DESIGN.md "Layout".
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
  services: ['graphql', 'app'],
  loaders: ['graphql', 'services', 'app'],
  store: ['graphql', 'services', 'loaders', 'app'],
  providers: ['graphql', 'services', 'loaders', 'store', 'app'],
  lib: ['graphql', 'services', 'loaders', 'store', 'app'],
  sandbox: ['graphql', 'services', 'loaders', 'store', 'app'],
  config: ['graphql', 'services', 'loaders', 'store', 'app'],
};
/** domain may only import domain and lib. */
const DOMAIN_ALLOWED = new Set(['domain', 'lib']);

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
      const bad = from === 'domain' ? !DOMAIN_ALLOWED.has(to) : (FORBIDDEN[from] ?? []).includes(to);
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

/**
 * The same files with only the imports that exist at run time: `import type` / `export type` statements are
 * erased by the compiler and cannot make modules load in a circle. Cycles are checked on this graph; the
 * direction rules above count type-only imports too.
 */
export function valueImportsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const runtime = text.replace(/^\s*(import|export)\s+type\s[^;]*?from\s+['"][^'"]+['"];?/gms, '');
  return importsOf(file, runtime);
}

function runtimeGraph(): Map<string, string[]> {
  return new Map(listFiles(SRC).map((f) => [f, valueImportsOf(f)]));
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

  it('has no import cycle at run time', () => {
    expect(cycles(runtimeGraph())).toEqual([]);
  });

  it('drops only type-only imports from the run-time graph', () => {
    const text =
      "import type { A } from './a.js';\nimport { b, type C } from './b.js';\nexport type { D } from './d.js';\nimport './e.js';\n";
    const deps = valueImportsOf(join(SRC, 'x/y.ts'), text).map((d) => relative(SRC, d));
    expect(deps).toEqual(['x/b.ts', 'x/e.ts']);
  });

  it('catches a forbidden direction and a cycle (self-check on a made-up graph)', () => {
    const f = (p: string) => join(SRC, p);
    const fake = new Map<string, string[]>([
      [f('services/a.ts'), [f('graphql/b.ts')]],
      [f('graphql/b.ts'), [f('services/a.ts')]],
      [f('domain/c.ts'), [f('providers/port.ts')]],
    ]);
    expect(violations(fake)).toHaveLength(2);
    expect(cycles(fake)).toEqual([['graphql/b.ts', 'services/a.ts']]);
  });
});
