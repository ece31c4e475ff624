import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Link check of README.md and docs/**\/*.md: every relative link names a file or folder that exists, and every
 * `#anchor` (in this file or another Markdown file) names a heading of it, by GitHub's slug rules. Links to
 * other sites are not fetched. Headings, links and anchors inside code (fenced blocks, `inline code`) do not
 * count, as on GitHub.
 */

const ROOT = resolve('.');

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith('.md') ? [path] : [];
    });
  return [join(ROOT, 'README.md'), ...(existsSync(join(ROOT, 'docs')) ? walk(join(ROOT, 'docs')) : [])];
}

/** The text outside fenced code blocks, line by line (fenced lines become empty, so line numbers stay). */
function proseLines(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && open) {
      fence = open[1]![0]!.repeat(open[1]!.length);
      return '';
    }
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
      return '';
    }
    return line;
  });
}

/** GitHub's heading slug (github-slugger): the rendered text, lower case, punctuation dropped, spaces → '-'. */
export function slug(heading: string): string {
  // Code spans keep their text as it is; outside them links keep their text and tags and emphasis go.
  const rendered = heading
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.slice(1, -1)
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]+>/g, '')
            .replace(/(\*\*|__|\*|~~)/g, ''),
    )
    .join('');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a file offers: heading slugs (repeats get -1, -2, … as on GitHub) and explicit `id`/`name` anchors. */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const lines = proseLines(text);
  lines.forEach((line, i) => {
    let heading = /^ {0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(line)?.[1];
    // Setext headings: a line underlined with === or ---.
    if (heading === undefined && line.trim() !== '' && /^ {0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? '')) {
      if (!/^\s*([-*+]|\d+\.|\|)/.test(line)) heading = line.trim();
    }
    if (heading !== undefined) {
      const base = slug(heading);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  });
  return out;
}

export interface Link {
  line: number;
  target: string;
}

/** Inline links and images `[text](target "title")` and reference definitions `[ref]: target`, outside code. */
export function linksOf(text: string): Link[] {
  const out: Link[] = [];
  proseLines(text).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      out.push({ line: i + 1, target: m[1]! });
    const ref = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s+"[^"]*")?\s*$/.exec(line);
    if (ref) out.push({ line: i + 1, target: ref[1]! });
  });
  return out;
}

/** What is wrong with one link of `file`, or null when it resolves. */
export function linkProblem(
  file: string,
  target: string,
  read = (p: string) => readFileSync(p, 'utf8'),
): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null; // another site, mailto:, …
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const dest =
    pathPart === '' ? file : pathPart.startsWith('/') ? join(ROOT, pathPart) : resolve(dirname(file), pathPart);
  if (!existsSync(dest)) return `${target}: no such file ${relative(ROOT, dest)}`;
  if (anchor === null) return null;
  if (!dest.endsWith('.md') || statSync(dest).isDirectory())
    return `${target}: an anchor into a file that is not Markdown`;
  if (!anchorsOf(read(dest)).has(anchor)) return `${target}: ${relative(ROOT, dest)} has no heading #${anchor}`;
  return null;
}

describe('Markdown links (README.md, docs/)', () => {
  const files = markdownFiles();

  it('finds the README and the docs', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md']));
    expect(files.length).toBeGreaterThan(1);
    const readmeLinks = linksOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(readmeLinks.filter((l) => l.target.startsWith('docs/')).length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: every relative link and #anchor resolves', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const problems = linksOf(text)
      .map((l) => {
        const problem = linkProblem(file, l.target);
        return problem === null ? null : `${relative(ROOT, file)}:${l.line}: ${problem}`;
      })
      .filter((p): p is string => p !== null);
    expect(problems).toEqual([]);
  });

  it('the README stays short (at most 200 lines)', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('docs/performance.md keeps the markers `npm run bench` rewrites its table between', () => {
    const doc = readFileSync(join(ROOT, 'docs/performance.md'), 'utf8');
    expect(doc).toMatch(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/);
  });
});

describe('the link checker itself', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('Hardened edges (#19)')).toBe('hardened-edges-19');
    expect(slug('Platform: tracing, demand control, contracts, health')).toBe(
      'platform-tracing-demand-control-contracts-health',
    );
    expect(slug('Tracing (OpenTelemetry)')).toBe('tracing-opentelemetry');
    expect(slug('`SYNC_RATE_<PROVIDER>` and **bold** [link](x.md)')).toBe('sync_rate_provider-and-bold-link');
    expect(slug('Scale-out')).toBe('scale-out');
    expect(slug('Sync, drift and mirrored reads')).toBe('sync-drift-and-mirrored-reads');
  });

  it('numbers repeated headings and ignores headings and links inside code', () => {
    const text = [
      '# Title',
      '## Notes',
      '## Notes',
      '```graphql',
      '# Not a heading',
      '[not](a-link.md)',
      '```',
      'Setext',
      '------',
      'See [it](#notes-1) and `[code](nowhere.md)`.',
    ].join('\n');
    expect([...anchorsOf(text)]).toEqual(['title', 'notes', 'notes-1', 'setext']);
    expect(linksOf(text)).toEqual([{ line: 10, target: '#notes-1' }]);
  });

  it('reports a missing file, a missing heading and an anchor into a non-Markdown file', () => {
    const readme = join(ROOT, 'README.md');
    expect(linkProblem(readme, 'docs/no-such-page.md')).toMatch(/no such file docs\/no-such-page.md/);
    expect(linkProblem(readme, '#no-such-heading')).toMatch(/has no heading #no-such-heading/);
    expect(linkProblem(readme, 'package.json#x')).toMatch(/not Markdown/);
    expect(linkProblem(readme, 'https://example.com/x.md#y')).toBeNull();
    expect(linkProblem(readme, 'src/')).toBeNull();
  });
});
