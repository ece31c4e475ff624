import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';

/**
 * The schema evolution gate (`npm run schema:check`, docs/schema-evolution.md): the subgraph SDL of the working
 * tree against the SDL at a base commit, diffed by @graphql-inspector/core. A BREAKING change fails unless
 * schema/CHANGES.md acknowledges it with a reason; DANGEROUS changes are reported, safe ones listed.
 * No side effects on import: scripts/schema-check.ts is the command, tests call these functions.
 */

export const SCHEMA_FILE = 'schema/schema.graphql';
/** The public contract (src/graphql/contract.ts): the SDL without `@tag(name: "internal")` and what only that reaches. */
export const PUBLIC_FILE = 'schema/public.graphql';
export const CHANGES_FILE = 'schema/CHANGES.md';
/** The mainline branches a feature branch is compared with, first found wins. */
export const MAINLINES = ['origin/main', 'main'];

/** One acknowledged breaking change: a list item `` - `<path or message>`: <reason> `` in CHANGES.md. */
export interface Acknowledgement {
  key: string;
  reason: string;
}

/** Shortest reason accepted for a breaking change (a word or two is not a reason). */
export const MIN_REASON_CHARS = 10;

/** List items of CHANGES.md of the form `` - `Type.field`: reason `` (or the change's message in backticks). */
export function parseAcknowledgements(markdown: string): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\s*[-*]\s+`([^`]+)`\s*(?:[:—–]|-{1,2})\s*(.*\S)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) out.push({ key: match[1].trim(), reason: match[2].trim() });
  }
  return out;
}

export interface EvolutionReport {
  breaking: Change[];
  /** Breaking changes CHANGES.md acknowledges (with a reason). */
  acknowledged: Array<{ change: Change; reason: string }>;
  /** Breaking changes nobody acknowledged: the gate fails when there is one. */
  unacknowledged: Change[];
  dangerous: Change[];
  safe: Change[];
  ok: boolean;
}

/** Builds a schema from subgraph SDL as printed (federation directives imported with @link, so not validated). */
export function schemaOf(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

/** Diffs two SDLs and settles which breaking changes CHANGES.md covers. */
export async function evaluate(baseSdl: string, headSdl: string, changesMd = ''): Promise<EvolutionReport> {
  const changes = await diff(schemaOf(baseSdl), schemaOf(headSdl));
  const acks = parseAcknowledgements(changesMd);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const acknowledged: EvolutionReport['acknowledged'] = [];
  const unacknowledged: Change[] = [];
  for (const change of breaking) {
    const ack = acks.find(
      (a) => (a.key === change.path || a.key === change.message) && a.reason.length >= MIN_REASON_CHARS,
    );
    if (ack) acknowledged.push({ change, reason: ack.reason });
    else unacknowledged.push(change);
  }
  return {
    breaking,
    acknowledged,
    unacknowledged,
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking),
    ok: unacknowledged.length === 0,
  };
}

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export interface Base {
  /** The commit compared with (null: none, the check passes vacuously). */
  commit: string | null;
  /** Why this commit (printed, so a CI log says what was compared). */
  why: string;
}

/**
 * Which commit the working tree is compared with:
 * 1. `explicit` (SCHEMA_BASE, or `--base <ref>`) when given;
 * 2. on a branch that has forked from the mainline (origin/main, else main): the merge base with it, so the
 *    whole branch is judged, however many commits it has;
 * 3. otherwise (HEAD is on the mainline: CI on a clean clone of main): HEAD's first parent, i.e. main before
 *    the last commit or merge, so the change that was just merged is judged;
 * 4. no parent (the first commit): nothing to compare; in a shallow clone that is an error, not a pass.
 */
export function chooseBase(cwd: string, explicit?: string): Base {
  if (explicit) {
    const commit = git(cwd, ['rev-parse', '--verify', `${explicit}^{commit}`]);
    if (!commit) throw new Error(`schema:check: base ${explicit} is not a commit`);
    return { commit, why: `${explicit} (given)` };
  }
  const head = git(cwd, ['rev-parse', '--verify', 'HEAD']);
  if (!head) return { commit: null, why: 'no commit yet' };
  for (const mainline of MAINLINES) {
    if (!git(cwd, ['rev-parse', '--verify', '--quiet', `${mainline}^{commit}`])) continue;
    const mergeBase = git(cwd, ['merge-base', 'HEAD', mainline]);
    if (mergeBase && mergeBase !== head) return { commit: mergeBase, why: `merge base of HEAD and ${mainline}` };
    break;
  }
  const parent = git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^1']);
  if (parent) return { commit: parent, why: 'HEAD^1 (HEAD is on the mainline: the last commit or merge is judged)' };
  // A shallow clone hides the parent: passing would check nothing, so say how to give the gate its history.
  if (git(cwd, ['rev-parse', '--is-shallow-repository']) === 'true')
    throw new Error('schema:check: shallow clone without HEAD^1; fetch with depth ≥ 2 (or full) or set SCHEMA_BASE');
  return { commit: null, why: 'HEAD has no parent' };
}

/** The SDL at `commit` (null when the file did not exist there). */
export function sdlAt(cwd: string, commit: string, file = SCHEMA_FILE): string | null {
  return git(cwd, ['show', `${commit}:${file}`]);
}

export interface CheckOptions {
  cwd: string;
  /** Explicit base ref (SCHEMA_BASE / --base). */
  base?: string;
  /** SDL of the working tree (default: <cwd>/schema/schema.graphql). */
  schemaFile?: string;
  /** The SDL the code generates (the command passes it): judged instead of the file, which must equal it. */
  generatedSdl?: string;
  /** Acknowledgements (default: <cwd>/schema/CHANGES.md; missing = none). */
  changesFile?: string;
  /** Which checked-in SDL (default schema/schema.graphql; the public contract: schema/public.graphql). */
  file?: string;
}

export interface CheckResult {
  base: Base;
  report: EvolutionReport | null;
  ok: boolean;
  lines: string[];
}

/** The whole gate: picks the base, diffs, and says what it found (the lines the command prints). */
export async function runSchemaCheck(options: CheckOptions): Promise<CheckResult> {
  const file = options.file ?? SCHEMA_FILE;
  const schemaFile = options.schemaFile ?? join(options.cwd, file);
  const changesFile = options.changesFile ?? join(options.cwd, CHANGES_FILE);
  const base = chooseBase(options.cwd, options.base);
  const lines = [`schema:check: comparing ${file} with ${base.commit?.slice(0, 12) ?? 'nothing'} — ${base.why}`];
  const baseSdl = base.commit ? sdlAt(options.cwd, base.commit, file) : null;
  if (baseSdl === null) {
    lines.push(`schema:check: no ${file} at the base; nothing to compare`);
    return { base, report: null, ok: true, lines };
  }
  const checkedIn = readFileSync(schemaFile, 'utf8');
  const headSdl = options.generatedSdl ?? checkedIn;
  if (headSdl.trim() !== checkedIn.trim()) {
    lines.push(`schema:check: FAILED. ${file} differs from the SDL the code builds: run npm run schema:print`);
    return { base, report: null, ok: false, lines };
  }
  const changesMd = existsSync(changesFile) ? readFileSync(changesFile, 'utf8') : '';
  const report = await evaluate(baseSdl, headSdl, changesMd);
  for (const c of report.safe) lines.push(`  safe       ${c.path ?? ''}: ${c.message}`);
  for (const c of report.dangerous) lines.push(`  dangerous  ${c.path ?? ''}: ${c.message}`);
  for (const { change, reason } of report.acknowledged)
    lines.push(`  breaking (acknowledged) ${change.path ?? ''}: ${change.message} — ${reason}`);
  for (const c of report.unacknowledged) lines.push(`  BREAKING   ${c.path ?? ''}: ${c.message}`);
  lines.push(
    `schema:check: ${report.safe.length} safe, ${report.dangerous.length} dangerous, ` +
      `${report.breaking.length} breaking (${report.unacknowledged.length} not acknowledged)`,
  );
  if (!report.ok)
    lines.push(
      `schema:check: FAILED. Deprecate first (docs/schema-evolution.md); a breaking change that must ship is ` +
        `listed in ${CHANGES_FILE} as "- \`<path>\`: <reason>" (path as printed above).`,
    );
  return { base, report, ok: report.ok, lines };
}
