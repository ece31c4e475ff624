import 'reflect-metadata';
import { buildSubgraph } from '../src/graphql/schema.js';
import { publicContract } from '../src/graphql/contract.js';
import { PUBLIC_FILE, SCHEMA_FILE, runSchemaCheck } from './schema-evolution.js';

/**
 * `npm run schema:check`: the schema evolution gate (docs/schema-evolution.md). Exit 1 when the SDL the code
 * builds (which schema/schema.graphql must equal) has a breaking change against the base that
 * schema/CHANGES.md does not acknowledge; exit 2 when the base cannot be read (e.g. a shallow clone).
 * The base: `--base <ref>` or SCHEMA_BASE, else the merge base with origin/main (or main) on a branch, else HEAD^1.
 */
const args = process.argv.slice(2);
const flag = args.indexOf('--base');
const base = (flag >= 0 ? args[flag + 1] : undefined) ?? process.env.SCHEMA_BASE;
try {
  const { sdl } = await buildSubgraph();
  // The whole subgraph, then the public contract (what a customer-facing variant serves): same gate.
  let ok = true;
  for (const [file, generatedSdl] of [
    [SCHEMA_FILE, sdl],
    [PUBLIC_FILE, publicContract(sdl)],
  ] as const) {
    const result = await runSchemaCheck({ cwd: process.cwd(), generatedSdl, file, ...(base ? { base } : {}) });
    for (const line of result.lines) process.stdout.write(`${line}\n`);
    ok &&= result.ok;
  }
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
