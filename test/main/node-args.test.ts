import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedNodeArgs } from '../../scripts/node-args.js';

/**
 * The API's node flags (package.json `start:dist`, read by the bench and the real-process tests): `npm start` uses
 * the same ones, and node applies them (a misspelt flag would stop the process at start).
 */
describe('deployed node flags', () => {
  const args = deployedNodeArgs();

  it('are the heap budget, in both start scripts', () => {
    expect(args).toEqual(['--max-old-space-size=512', '--max-semi-space-size=8']);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`npm run build --silent && node ${args.join(' ')} dist/src/main/index.js`);
  });

  it('bound the heap node runs with', () => {
    const limit = (flags: string[]) =>
      Number(execFileSync(process.execPath, [...flags, '-p', 'require("v8").getHeapStatistics().heap_size_limit']));
    const mb = limit(args) / 1048576;
    // 512 MB of old space plus the young generation (3 × 8 MB semi-spaces).
    expect(mb).toBeGreaterThanOrEqual(512);
    expect(mb).toBeLessThanOrEqual(560);
  });

  it('refuse a start script of another shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-args-'));
    const write = (script: string) =>
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'start:dist': script } }));
    try {
      write('node --max-old-space-size=256 dist/src/main/index.js');
      expect(deployedNodeArgs(dir)).toEqual(['--max-old-space-size=256']);
      write('node dist/src/main/index.js');
      expect(deployedNodeArgs(dir)).toEqual([]);
      write('tsx src/main/index.ts');
      expect(() => deployedNodeArgs(dir)).toThrow(/start:dist is not/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
