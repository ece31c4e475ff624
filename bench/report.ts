import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const RESULTS = 'bench/results.md';

/**
 * Writes one bench's table into bench/results.md between `<!-- <marker>:start -->` and `<!-- <marker>:end -->`
 * (appended the first time), under its title and the run's line. Answers the table (for the log).
 */
export function writeResultsSection(marker: string, title: string, run: string, rows: readonly string[][]): string {
  const table = [
    '| measure | result | target | status |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const section = [
    `<!-- ${marker}:start -->`,
    '',
    `## ${title}`,
    '',
    run,
    '',
    table,
    '',
    `<!-- ${marker}:end -->`,
  ].join('\n');
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const marked = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);
  writeFileSync(
    RESULTS,
    marked.test(current) ? current.replace(marked, () => section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  return table;
}

/** The sections other benches keep in bench/results.md (every `<!-- name:start -->…<!-- name:end -->`). */
export function keptSections(): string[] {
  if (!existsSync(RESULTS)) return [];
  return [...readFileSync(RESULTS, 'utf8').matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map(
    (m) => m[0],
  );
}
