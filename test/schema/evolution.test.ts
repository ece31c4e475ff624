import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, print, visit, Kind, type DocumentNode } from 'graphql';
import { chooseBase, evaluate, parseAcknowledgements, runSchemaCheck } from '../../scripts/schema-evolution.js';

/**
 * The schema evolution gate (#28 part 6, docs/schema-evolution.md), on copies of the real SDL: a removed field
 * fails unless schema/CHANGES.md lists it with a reason; added fields, mutations and optional input fields
 * (the `idempotencyKey` other branches add) pass. Then the base rule on throw-away git repositories.
 */
const SDL = fs.readFileSync('schema/schema.graphql', 'utf8');

/** The SDL with `type.field` removed (object types and input types alike). */
function without(sdl: string, type: string, field: string): string {
  const doc: DocumentNode = visit(parse(sdl), {
    FieldDefinition: {
      enter(node, _key, _parent, _path, ancestors) {
        const owner = ancestors[ancestors.length - 1];
        if (node.name.value === field && owner && 'name' in owner && owner.name?.value === type) return null;
        return undefined;
      },
    },
  });
  const out = print(doc);
  if (out === print(parse(sdl))) throw new Error(`${type}.${field} is not in the SDL`);
  return out;
}

/** The SDL with `text` added inside the definition of `type` (before its closing brace). */
function adding(sdl: string, type: string, text: string): string {
  const doc = parse(sdl);
  const def = doc.definitions.find(
    (d) =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) && d.name.value === type,
  );
  if (!def?.loc) throw new Error(`${type} is not in the SDL`);
  return `${sdl.slice(0, def.loc.end - 1)}  ${text}\n${sdl.slice(def.loc.end - 1)}`;
}

describe('schema evolution gate: what counts as breaking', () => {
  const removed = without(SDL, 'Account', 'providerStatus');

  it('fails when a field is removed', async () => {
    const report = await evaluate(SDL, removed);
    expect(report.ok).toBe(false);
    expect(report.unacknowledged.map((c) => c.path)).toEqual(['Account.providerStatus']);
  });

  it('passes when CHANGES.md lists the removal with a reason (by path or by message)', async () => {
    const byPath =
      '# Schema changes\n\n- `Account.providerStatus`: removed after deprecation since 2026-06-01; use `status`.\n';
    const report = await evaluate(SDL, removed, byPath);
    expect(report.ok).toBe(true);
    expect(report.acknowledged.map((a) => a.change.path)).toEqual(['Account.providerStatus']);
    const byMessage =
      "- `Field 'providerStatus' was removed from object type 'Account'`: deprecated on 2026-06-01, gone now.\n";
    expect((await evaluate(SDL, removed, byMessage)).ok).toBe(true);
  });

  it('does not take an entry without a reason, or for another field', async () => {
    expect((await evaluate(SDL, removed, '- `Account.providerStatus`\n')).ok).toBe(false);
    expect((await evaluate(SDL, removed, '- `Account.providerStatus`: gone\n')).ok).toBe(false);
    expect((await evaluate(SDL, removed, '- `Account.status`: removed for a good reason, really.\n')).ok).toBe(false);
  });

  it('passes safe additions: a field, a mutation, an optional input field (idempotencyKey)', async () => {
    let head = adding(SDL, 'Account', '"""A new field."""\n  nickname: String');
    head = adding(head, 'Mutation', '"""A new mutation."""\n  pingAccount(id: ID!): Boolean!');
    head = adding(head, 'CreateAccountInput', '"""Optional."""\n  idempotencyKeyV2: String');
    const report = await evaluate(SDL, head);
    expect(report.breaking).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.dangerous).toEqual([]);
    expect(report.safe.map((c) => c.path)).toEqual(
      expect.arrayContaining(['Account.nickname', 'CreateAccountInput.idempotencyKeyV2', 'Mutation.pingAccount']),
    );
  });

  it('fails a required input field added without a default', async () => {
    const head = adding(SDL, 'CreateAccountInput', '"""Required."""\n  mustHave: String!');
    expect((await evaluate(SDL, head)).unacknowledged.map((c) => c.path)).toEqual(['CreateAccountInput.mustHave']);
  });

  it('reads acknowledgements as list items with a backticked key and a reason', () => {
    expect(
      parseAcknowledgements('intro `x`: no\n- `A.b`: why not\n* `C.d` — because\n  - `E.f` -- nested reason\n'),
    ).toEqual([
      { key: 'A.b', reason: 'why not' },
      { key: 'C.d', reason: 'because' },
      { key: 'E.f', reason: 'nested reason' },
    ]);
  });
});

describe('schema evolution gate: the base it compares with', () => {
  const repos: string[] = [];
  afterAll(() => {
    for (const r of repos) fs.rmSync(r, { recursive: true, force: true });
  });
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const repo = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpn-graph-schema-'));
    repos.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(dir, 'schema'));
    fs.writeFileSync(path.join(dir, 'schema/schema.graphql'), SDL);
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'schema');
    return dir;
  };
  const write = (dir: string, file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

  it('on a branch: the merge base with main; a removal fails until CHANGES.md lists it', async () => {
    const dir = repo();
    const forkPoint = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-qb', 'feature');
    write(dir, 'schema/schema.graphql', without(SDL, 'Account', 'providerStatus'));
    git(dir, 'commit', '-qam', 'remove a field');
    write(dir, 'README', 'another commit on the branch\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'more');
    expect(chooseBase(dir).commit).toBe(forkPoint);
    const failed = await runSchemaCheck({ cwd: dir });
    expect(failed.ok).toBe(false);
    expect(failed.lines.join('\n')).toMatch(/BREAKING\s+Account\.providerStatus/);
    write(dir, 'schema/CHANGES.md', '- `Account.providerStatus`: deprecated 2026-06-01, removed 2026-12-01.\n');
    const passed = await runSchemaCheck({ cwd: dir });
    expect(passed.ok).toBe(true);
    expect(passed.lines.join('\n')).toMatch(/breaking \(acknowledged\) Account\.providerStatus/);
  });

  it('on main (a clean clone: HEAD is the mainline): the first parent, so the last merge is judged', async () => {
    const dir = repo();
    const before = git(dir, 'rev-parse', 'HEAD');
    write(dir, 'schema/schema.graphql', adding(SDL, 'Account', '"""New."""\n  nickname: String'));
    git(dir, 'commit', '-qam', 'add a field');
    expect(chooseBase(dir).commit).toBe(before);
    expect((await runSchemaCheck({ cwd: dir })).ok).toBe(true);
    write(dir, 'schema/schema.graphql', without(SDL, 'Account', 'providerStatus'));
    git(dir, 'commit', '-qam', 'remove a field');
    expect((await runSchemaCheck({ cwd: dir })).ok).toBe(false);
    // an explicit base (SCHEMA_BASE / --base) wins
    expect((await runSchemaCheck({ cwd: dir, base: 'HEAD' })).ok).toBe(true);
  });

  it('judges the SDL the code builds, and fails when the checked-in file differs from it', async () => {
    const dir = repo();
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'second');
    const stale = await runSchemaCheck({ cwd: dir, generatedSdl: adding(SDL, 'Account', 'nickname: String') });
    expect(stale.ok).toBe(false);
    expect(stale.lines.join('\n')).toMatch(/run npm run schema:print/);
    expect((await runSchemaCheck({ cwd: dir, generatedSdl: SDL })).ok).toBe(true);
  });

  it('refuses a shallow clone without HEAD^1 instead of passing', () => {
    const dir = repo();
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'second');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'vpn-graph-shallow-'));
    repos.push(clone);
    git(clone, 'clone', '-q', '--depth', '1', `file://${dir}`, '.');
    expect(() => chooseBase(clone)).toThrow(/shallow clone/);
  });

  it('passes with nothing to compare (first commit, or no schema at the base)', async () => {
    const dir = repo();
    expect(chooseBase(dir).commit).toBeNull();
    expect((await runSchemaCheck({ cwd: dir })).ok).toBe(true);
  });
});
