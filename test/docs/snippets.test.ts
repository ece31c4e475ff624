import { readFileSync } from 'node:fs';
import { VALUE_TYPES } from '../client/type-policies.js';

/** Code the docs show that a test also runs: the two must not drift apart. */
describe('docs snippets', () => {
  it('docs/operations.md shows the Apollo Client type policies test/client/type-policies.ts runs', () => {
    const doc = readFileSync('docs/operations.md', 'utf8');
    const block = /```ts\n(import \{ InMemoryCache \}[\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(block).toContain("accounts: relayStylePagination(['filter'])");
    const merged = [...block.matchAll(/^\s+(\w+): \{ merge: true \},$/gm)].map((m) => m[1]);
    expect(merged).toEqual([...VALUE_TYPES]);
  });
});
