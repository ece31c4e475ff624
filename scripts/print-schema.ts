import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import { buildSubgraph } from '../src/graphql/schema.js';
import { publicContract } from '../src/graphql/contract.js';

/** Writes the subgraph SDL to schema/schema.graphql and its public contract to schema/public.graphql. */
const { sdl } = await buildSubgraph();
mkdirSync('schema', { recursive: true });
writeFileSync('schema/schema.graphql', `${sdl.trim()}\n`);
writeFileSync('schema/public.graphql', publicContract(sdl));
process.stdout.write('wrote schema/schema.graphql and schema/public.graphql\n');
