import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The flags `node` runs the API with as deployed: those of package.json's `start:dist` script (`npm start` runs
 * the same ones after the build). The bench and the real-process tests start the API with them, so what they
 * measure and check is the process as it runs.
 *
 * Why flags at all: V8 sizes its heap from the machine's memory (4 GB on a 24 GB host) and lets garbage pile up
 * in the old generation until that size's first thresholds; at 200 clients the process grew from 145 to 330 MB
 * before a full collection. A 512 MB old space and 8 MB semi-spaces keep it near its live size (docs/operations.md,
 * "Memory").
 */
export function deployedNodeArgs(root = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['start:dist'] ?? '';
  const m = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/src\/main\/index\.js$/.exec(script);
  if (!m) throw new Error(`package.json start:dist is not "node [--flag …] dist/src/main/index.js": ${script}`);
  return m[1]!.trim().split(' ').filter(Boolean);
}
