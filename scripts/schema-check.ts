import 'reflect-metadata';
import { buildSubgraph } from '../src/graphql/schema.js';
import { runSchemaCheck } from './schema-evolution.js';

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
  const result = await runSchemaCheck({ cwd: process.cwd(), generatedSdl: sdl, ...(base ? { base } : {}) });
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
