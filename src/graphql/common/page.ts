import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from './freshness.js';
import type { ClassType } from 'type-graphql';

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when more items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds the Edge and Connection object types for a node type (Relay cursor connections). */
export function connectionTypes<T extends object>(
  nodeType: ClassType<T>,
  name: string,
  description: string,
): { Edge: ClassType<Edge<T>>; Connection: ClassType<ConnectionShape<T>> } {
  @Directive(INHERIT_CACHE_HINT)
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this edge, for `after` / `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @Directive(INHERIT_CACHE_HINT)
  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The edges of this page.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The nodes of this page (shortcut for edges.node).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: 'Total items matching, when every source can tell.' })
    totalCount!: number | null;
  }

  return { Edge: EdgeType, Connection: ConnectionType };
}

export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/**
 * A forward-only page as a Relay connection: one node and one cursor per row, `hasPreviousPage` when the page
 * was asked `after` a cursor (the store pages answer `hasNextPage` and, when they count, `totalCount`).
 */
export function forwardConnection<R, T>(
  rows: readonly R[],
  toNode: (row: R) => T,
  cursor: (row: R, index: number) => string,
  page: { hasNextPage: boolean; totalCount?: number | null },
  after: string | null | undefined,
): ConnectionShape<T> {
  const nodes = rows.map(toNode);
  const edges = rows.map((row, i) => ({ cursor: cursor(row, i), node: nodes[i] as T }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount ?? null,
  };
}
