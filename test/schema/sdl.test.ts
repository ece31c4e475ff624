import 'reflect-metadata';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  parse,
  validate,
  type GraphQLNamedType,
  isObjectType,
  isInputObjectType,
  isEnumType,
  isInterfaceType,
} from 'graphql';
import { buildSubgraph } from '../../src/graphql/schema.js';
import { publicContract } from '../../src/graphql/contract.js';

/**
 * The checked-in SDL (schema/schema.graphql) is the contract: it must equal what the code builds.
 * Regenerate with `npm run schema:print` after changing the schema.
 */
describe('subgraph SDL', () => {
  it('matches schema/schema.graphql (run `npm run schema:print` after schema changes)', async () => {
    const { sdl } = await buildSubgraph();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync('schema/schema.graphql', `${sdl.trim()}\n`);
    const checkedIn = readFileSync('schema/schema.graphql', 'utf8');
    expect(checkedIn.trim()).toEqual(sdl.trim());
  });

  it('schema/public.graphql is the public contract of that SDL (run `npm run schema:print`)', async () => {
    const { sdl } = await buildSubgraph();
    const contract = publicContract(sdl);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync('schema/public.graphql', contract);
    expect(readFileSync('schema/public.graphql', 'utf8')).toEqual(contract);
  });

  it('describes every type, field, argument and enum value', async () => {
    const { subgraph } = await buildSubgraph();
    const missing: string[] = [];
    const ours = (t: GraphQLNamedType) =>
      !t.name.startsWith('_') &&
      !t.name.startsWith('__') &&
      ![
        'link__Purpose',
        'link__Import',
        'federation__FieldSet',
        'federation__Scope',
        'federation__Policy',
        'federation__ContextFieldValue', // federation v2.9 (@fromContext)
        'String',
        'Boolean',
        'Int',
        'Float',
        'ID',
      ].includes(t.name);
    for (const type of Object.values(subgraph.getTypeMap()).filter(ours)) {
      if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        // One list per kind: getFields() on the union of the three types would be typed `any`.
        const fields = isInputObjectType(type) ? Object.values(type.getFields()) : Object.values(type.getFields());
        for (const field of fields) {
          if (field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ('args' in field)
            for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('has @key on every federated entity', async () => {
    const { sdl } = await buildSubgraph();
    for (const entity of ['Account', 'Customer', 'Project', 'Plan', 'Server']) {
      expect(sdl).toMatch(new RegExp(`type ${entity} implements Node @key\\(fields: "id"\\)`));
    }
  });

  it('every frontend operation in schema/operations validates against the schema', async () => {
    const { subgraph } = await buildSubgraph();
    const dir = 'schema/operations';
    const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const document = parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(validate(subgraph, document).map((e) => e.message)).toEqual([]);
  });
});
