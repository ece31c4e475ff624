import {
  Kind,
  parse,
  print,
  type DirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';

/**
 * The public contract (schema/public.graphql): the subgraph SDL without what carries `@tag(name: "internal")`
 * (operator surfaces: sync and drift, intents, webhooks, bulk, keys, history actors, raw vendor fields), and
 * without the types no public root field reaches any more — what a GraphOS contract variant with "exclude tag
 * internal" and "hide unreachable types" serves. Generated from the SDL, never edited by hand.
 *
 * It refuses an SDL whose public part points at a removed type (a public field returning an internal type):
 * tag the field too, or untag the type.
 */
export const INTERNAL_TAG = 'internal';

const ROOTS = ['Query', 'Mutation', 'Subscription'];

type Named = Extract<DefinitionNode, { name: { value: string } }>;

export function publicContract(sdl: string): string {
  const document = parse(sdl);
  // 1. Drop tagged types, fields, arguments, input fields and enum values.
  const kept = document.definitions.filter((d) => !isTagged(d)).map(stripTagged);
  const types = new Map<string, Named>();
  for (const d of kept) if (isTypeDefinition(d)) types.set(d.name.value, d);

  // 2. Keep what a root reaches (an interface reaches the types that implement it; a union its members).
  const implementers = new Map<string, string[]>();
  for (const d of types.values())
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.interfaces)
      for (const i of d.interfaces)
        implementers.set(i.name.value, [...(implementers.get(i.name.value) ?? []), d.name.value]);
  const reached = new Set<string>();
  const dangling: string[] = [];
  const visit = (name: string, from: string) => {
    if (reached.has(name) || BUILT_IN.has(name)) return;
    const d = types.get(name);
    if (!d) {
      dangling.push(`${from} → ${name}`);
      return;
    }
    reached.add(name);
    for (const [owner, next] of references(d)) visit(next, owner);
    for (const impl of implementers.get(name) ?? []) visit(impl, name);
  };
  for (const root of ROOTS) if (types.has(root)) visit(root, 'schema');
  if (dangling.length)
    throw new Error(
      `public contract: public fields point at internal types (tag them too): ${[...new Set(dangling)].join(', ')}`,
    );

  const definitions = kept.filter((d) => !isTypeDefinition(d) || reached.has(d.name.value));
  return `${print({ kind: Kind.DOCUMENT, definitions } satisfies DocumentNode).trim()}\n`;
}

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function isTypeDefinition(d: DefinitionNode): d is Named {
  return (
    d.kind === Kind.OBJECT_TYPE_DEFINITION ||
    d.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    d.kind === Kind.UNION_TYPE_DEFINITION ||
    d.kind === Kind.ENUM_TYPE_DEFINITION ||
    d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    d.kind === Kind.SCALAR_TYPE_DEFINITION
  );
}

function tagged(directives: readonly DirectiveNode[] | undefined): boolean {
  return (directives ?? []).some(
    (d) =>
      d.name.value === 'tag' &&
      d.arguments?.some(
        (a) => a.name.value === 'name' && a.value.kind === Kind.STRING && a.value.value === INTERNAL_TAG,
      ),
  );
}

function isTagged(d: DefinitionNode): boolean {
  return 'directives' in d && tagged(d.directives);
}

const keepArgs = (args: readonly InputValueDefinitionNode[] | undefined) => args?.filter((a) => !tagged(a.directives));
const keepField = (f: FieldDefinitionNode): FieldDefinitionNode => ({ ...f, arguments: keepArgs(f.arguments) });

function stripTagged(d: DefinitionNode): DefinitionNode {
  switch (d.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
      return { ...d, fields: d.fields?.filter((f) => !tagged(f.directives)).map(keepField) };
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return { ...d, fields: keepArgs(d.fields) };
    case Kind.ENUM_TYPE_DEFINITION:
      return { ...d, values: d.values?.filter((v) => !tagged(v.directives)) };
    default:
      return d;
  }
}

function named(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : named(type.type);
}

/** [where, type name] for every type a definition mentions. */
function references(d: Named): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const name = d.name.value;
  switch (d.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
      for (const f of d.fields ?? []) {
        out.push([`${name}.${f.name.value}`, named(f.type).name.value]);
        for (const a of f.arguments ?? [])
          out.push([`${name}.${f.name.value}(${a.name.value})`, named(a.type).name.value]);
      }
      for (const i of d.interfaces ?? []) out.push([name, i.name.value]);
      break;
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      for (const f of d.fields ?? []) out.push([`${name}.${f.name.value}`, named(f.type).name.value]);
      break;
    case Kind.UNION_TYPE_DEFINITION:
      for (const m of d.types ?? []) out.push([name, m.name.value]);
      break;
    default:
      break;
  }
  return out;
}
