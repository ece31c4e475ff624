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
 * The room a file lives in: the first folder under src/ (src/main, src/config, src/domain, src/core, src/graphql,
 * src/modules, src/providers, src/sandbox, src/lib). See docs/architecture.md "Layout".
 */
export function layerOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0]!;
}

/** The feature module a file belongs to (src/modules/<name>/…), or undefined. */
export function moduleOf(file: string): string | undefined {
  const rel = relative(SRC, file).split(/[\\/]/);
  return rel[0] === 'modules' && rel.length > 2 ? rel[1] : undefined;
}

/** GraphQL-side files of a module: the schema's types and resolvers, reached by the graph assembly and relations. */
const GRAPHQL_FILE = /\.(type|inputs|payloads|resolver|mutations)\.ts$/;

/** layer → the only layers it may import. `main` (the composition root) may import everything. */
const ALLOWED: Record<string, ReadonlySet<string>> = {
  lib: new Set(['lib']),
  domain: new Set(['domain', 'lib']),
  sandbox: new Set(['sandbox', 'domain', 'lib']),
  providers: new Set(['providers', 'sandbox', 'domain', 'lib']),
  config: new Set(['config', 'providers', 'domain', 'lib']),
  core: new Set(['core', 'config', 'providers', 'domain', 'lib']),
  modules: new Set(['modules', 'graphql', 'core', 'config', 'providers', 'domain', 'lib']),
  graphql: new Set(['graphql', 'modules', 'core', 'config', 'providers', 'domain', 'lib']),
};

/**
 * What one file may not import: a layer outside its ALLOWED set; from a module, the graph assembly
 * (only graphql/common/ and graphql/context.ts); another module's internals (only its index.ts, or, between
 * GraphQL-side files and from src/graphql, its GraphQL files: the graph's relations run both ways).
 */
export function refusal(file: string, dep: string): string | undefined {
  const from = layerOf(file);
  const to = layerOf(dep);
  const allowed = ALLOWED[from];
  if (allowed && !allowed.has(to)) return `${from} may not import ${to}`;
  const rel = relative(SRC, dep);
  if (from === 'modules' && to === 'graphql' && !rel.startsWith('graphql/common/') && rel !== 'graphql/context.ts')
    return 'a module may import only graphql/common/ and graphql/context.ts';
  const target = moduleOf(dep);
  if (target !== undefined && target !== moduleOf(file) && !dep.endsWith(`modules/${target}/index.ts`)) {
    const graphqlSide = from === 'graphql' || (moduleOf(file) !== undefined && GRAPHQL_FILE.test(file));
    if (!(graphqlSide && GRAPHQL_FILE.test(dep))) return `deep import into module ${target} (use its index.ts)`;
  }
  return undefined;
}

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
    for (const dep of deps) {
      if (!dep.startsWith(SRC)) continue;
      const why = refusal(file, dep);
      if (why) out.push(`${relative(SRC, file)} imports ${relative(SRC, dep)}: ${why}`);
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

  it('catches each forbidden import and a cycle (self-check on a made-up graph)', () => {
    const f = (p: string) => join(SRC, p);
    const fake = new Map<string, string[]>([
      [f('core/a.ts'), [f('modules/bulk/index.ts')]],
      [f('lib/d.ts'), [f('providers/http.ts'), f('lib/e.ts')]],
      [f('domain/c.ts'), [f('providers/port.ts')]],
      [f('graphql/g.ts'), [f('main/auth.ts')]],
      [f('modules/bulk/bulk.service.ts'), [f('modules/moves/moves.store.ts'), f('modules/moves/index.ts')]],
      [f('modules/bulk/bulk.resolver.ts'), [f('modules/history/event.type.ts'), f('graphql/schema.ts')]],
      [f('modules/history/events.ts'), [f('modules/history/x.ts')]],
      [f('modules/history/x.ts'), [f('modules/history/events.ts')]],
    ]);
    expect(violations(fake)).toEqual([
      'core/a.ts imports modules/bulk/index.ts: core may not import modules',
      'lib/d.ts imports providers/http.ts: lib may not import providers',
      'domain/c.ts imports providers/port.ts: domain may not import providers',
      'graphql/g.ts imports main/auth.ts: graphql may not import main',
      'modules/bulk/bulk.service.ts imports modules/moves/moves.store.ts: deep import into module moves (use its index.ts)',
      'modules/bulk/bulk.resolver.ts imports graphql/schema.ts: a module may import only graphql/common/ and graphql/context.ts',
    ]);
    expect(cycles(fake)).toEqual([['modules/history/events.ts', 'modules/history/x.ts']]);
  });

  it('gives every feature module with code beyond its GraphQL files an index.ts', () => {
    const modules = readdirSync(join(SRC, 'modules'));
    expect(modules.length).toBeGreaterThan(8);
    const lacking = modules.filter((m) => {
      const files = readdirSync(join(SRC, 'modules', m));
      return files.some((n) => !GRAPHQL_FILE.test(n)) && !files.includes('index.ts');
    });
    expect(lacking).toEqual([]);
  });
});
