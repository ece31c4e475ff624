import { readFileSync } from 'node:fs';
import { VALUE_TYPES } from '../client/type-policies.js';

/** Code the docs show that a test also runs: the two must not drift apart. */
describe('docs snippets', () => {
  it('docs/operations.md shows the Apollo Client type policies test/client/type-policies.ts runs', () => {
    const doc = readFileSync('docs/operations.md', 'utf8');
    const block = /```ts\n(import \{ InMemoryCache \}[\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(block).toContain("accounts: relayStylePagination(['filter', 'orderBy'])");
    const merged = [...block.matchAll(/^\s+(\w+): \{ merge: true \},$/gm)].map((m) => m[1]);
    expect(merged).toEqual([...VALUE_TYPES]);
  });

  /** The text between `// #region recipe` and `// #endregion` of a tested file. */
  const region = (path: string): string => {
    const text = readFileSync(path, 'utf8');
    const m = /\/\/ #region recipe\n([\s\S]*?)\/\/ #endregion/.exec(text);
    if (!m) throw new Error(`${path} has no recipe region`);
    return m[1]!;
  };

  it.each(['test/client/apollo-recipe.ts', 'test/client/urql-recipe.ts'])(
    'docs/frontend.md shows %s verbatim (the file test/client/recipes.test.ts runs)',
    (path) => {
      const doc = readFileSync('docs/frontend.md', 'utf8');
      const code = region(path);
      expect(code.split('\n').length).toBeGreaterThan(20);
      expect(doc).toContain('```ts\n' + code + '```');
    },
  );

  it('the README links the tested recipe files and docs/frontend.md', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const target of ['test/client/apollo-recipe.ts', 'test/client/urql-recipe.ts', 'docs/frontend.md']) {
      expect(readme).toContain(`](${target})`);
    }
  });
});
