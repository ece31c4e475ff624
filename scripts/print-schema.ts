import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import { buildSubgraph } from '../src/graphql/schema.js';

/** Writes the subgraph SDL to schema/schema.graphql (the checked-in contract). */
const { sdl } = await buildSubgraph();
mkdirSync('schema', { recursive: true });
writeFileSync('schema/schema.graphql', `${sdl.trim()}\n`);
process.stdout.write('wrote schema/schema.graphql\n');
