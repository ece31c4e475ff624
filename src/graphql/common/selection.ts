import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Look-ahead into the selection of the field being resolved, so a list can skip upstream reads nobody
 * asked for. Fragment spreads and inline fragments are followed; `@skip`/`@include` are ignored, which can
 * only make the answer "selected" more often (a wasted read, never a missing value).
 */

/** Selection sets of the fields called `name` directly inside `sets` (aliases do not matter). */
function childSets(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], name: string): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  const visit = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === name && sel.selectionSet) out.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet);
      } else {
        const fragment = info.fragments[sel.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return out;
}

/** Names of the fields selected directly inside `sets`. */
function fieldNames(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else {
        const fragment = info.fragments[sel.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return names;
}

/** Field names selected on the connection being resolved itself (`totalCount`, `edges`, `pageInfo`, …). */
export function connectionFields(info: GraphQLResolveInfo): Set<string> {
  return fieldNames(
    info,
    info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])),
  );
}

/** Field names selected on the nodes of the connection being resolved (`edges { node }` and `nodes`). */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const roots = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  const viaEdges = childSets(info, childSets(info, roots, 'edges'), 'node');
  const viaNodes = childSets(info, roots, 'nodes');
  return fieldNames(info, [...viaEdges, ...viaNodes]);
}

/** Field names selected directly on the field being resolved (an object field: its own selection). */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  return fieldNames(
    info,
    info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])),
  );
}

/** True when the connection's nodes select any of `fields`. */
export function nodesSelectAny(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  for (const name of connectionNodeFields(info)) if (fields.has(name)) return true;
  return false;
}

/**
 * Names of the fields selected beside the field being resolved (its parent's selection), found by walking the
 * operation along the response path (aliases matched as response keys; fragments followed).
 */
export function siblingFields(info: GraphQLResolveInfo): Set<string> {
  const keys: string[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path.prev; p; p = p.prev) {
    if (typeof p.key === 'string') keys.unshift(p.key);
  }
  let sets: SelectionSetNode[] = [info.operation.selectionSet];
  for (const key of keys) {
    const next: SelectionSetNode[] = [];
    const visit = (set: SelectionSetNode): void => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if ((sel.alias?.value ?? sel.name.value) === key && sel.selectionSet) next.push(sel.selectionSet);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
        else {
          const fragment = info.fragments[sel.name.value];
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    sets.forEach(visit);
    sets = next;
  }
  return fieldNames(info, sets);
}
