import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requestHooksPlugin, type RequestHooks } from './request-hooks.js';

/**
 * Demand control in the subgraph, with the weights the router reads from the same SDL (`@cost`, `@listSize`,
 * Federation 2.9), so both refuse the same operations. The static estimate of the router's `static_estimated`
 * strategy (IBM cost spec): a mutation starts at 10, a query at 0; a field costs its `@cost` weight (else 1 for
 * an object, interface or union, 0 for a scalar or enum) plus its selections; a list field multiplies that by
 * its size: the largest slicing argument given (`first`/`last`, variables and defaults resolved), else its
 * `@listSize(assumedSize)`, else `defaultListSize` (the router's `list_size`); with `sizedFields` the size
 * applies to those child fields (a connection's edges/nodes). Every fragment counts (an upper bound).
 */

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

function directive(nodes: readonly DirectiveNode[] | undefined, name: string): Record<string, unknown> | undefined {
  const node = nodes?.find((d) => d.name.value === name);
  if (!node) return undefined;
  return Object.fromEntries((node.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
}

function weightOf(field: GraphQLField<unknown, unknown>, type: GraphQLNamedType): number {
  const own =
    directive(field.astNode?.directives, 'cost')?.weight ?? directive(type.astNode?.directives, 'cost')?.weight;
  if (typeof own === 'number') return own;
  if (typeof own === 'string' && Number.isFinite(Number(own))) return Number(own);
  return isCompositeType(type) ? 1 : 0;
}

export interface CostOptions {
  /** Size of a list with no `@listSize` and no slicing argument (the router's `static_estimated.list_size`). */
  defaultListSize: number;
  /**
   * The schema carrying @cost/@listSize, when not the one executing: a router's API schema has neither, so a
   * router estimates on its supergraph (test/federation/router-cost.ts).
   */
  schema?: GraphQLSchema;
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const vars: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    vars[name] = name in variables ? variables[name] : v.defaultValue ? valueFromASTUntyped(v.defaultValue) : undefined;
  }

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, sized: Map<string, number>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const type = getNamedType(field.type);
        const listSize = directive(field.astNode?.directives, 'listSize') as ListSize | undefined;
        // As execution sees them: a missing argument, or one given by an unset variable, takes its default.
        const given = Object.fromEntries(
          (selection.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, vars)]),
        );
        const args: Record<string, unknown> = {};
        for (const arg of field.args) args[arg.name] = given[arg.name] ?? arg.defaultValue;
        const sliced = (listSize?.slicingArguments ?? [])
          .map((a) => args[a])
          .filter((n): n is number => typeof n === 'number');
        const size = sliced.length > 0 ? Math.max(...sliced) : listSize?.assumedSize;
        const childSized = new Map<string, number>();
        if (listSize?.sizedFields && size !== undefined) for (const f of listSize.sizedFields) childSized.set(f, size);
        const own =
          weightOf(field, type) +
          (selection.selectionSet ? selectionCost(selection.selectionSet, type, childSized) : 0);
        const isList = isListType(getNullableType(field.type));
        const multiplier = isList
          ? (sized.get(name) ?? (listSize?.sizedFields ? undefined : size) ?? options.defaultListSize)
          : 1;
        total += multiplier * own;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, on ?? parent, sized);
      } else {
        const fragment = fragments.get(selection.name.value);
        const on = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (fragment && on) total += selectionCost(fragment.selectionSet, on, sized);
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const base = operation.operation === OperationTypeNode.MUTATION ? 10 : 0;
  return base + selectionCost(operation.selectionSet, root, new Map());
}

/**
 * Refuses an operation whose estimated cost is above `maxCost` before it runs (the router's error code,
 * COST_ESTIMATED_TOO_EXPENSIVE, HTTP 400), after variables are known (slicing arguments are often variables).
 */
export function costLimit(maxCost: number, options: CostOptions): RequestHooks {
  // Keyed by the operation node of Apollo's cached document (one per query hash); gone with the document.
  const fixedCost = new WeakMap<OperationDefinitionNode, number>();
  return {
    didResolveOperation({ document, operation, request, schema }) {
      if (!operation) return;
      // An operation without variables costs the same every time: estimated once per cached document.
      let cost = operation.variableDefinitions?.length ? undefined : fixedCost.get(operation);
      if (cost === undefined) {
        cost = estimateCost(options.schema ?? schema, document, operation, request.variables ?? {}, options);
        if (!operation.variableDefinitions?.length) fixedCost.set(operation, cost);
      }
      if (cost <= maxCost) return;
      throw new GraphQLError(
        `Query cost limit of ${maxCost} exceeded: this operation is estimated at ${cost} ` +
          '(@cost/@listSize weights; ask for fewer items or fewer vendor-backed fields)',
        {
          extensions: {
            code: 'COST_ESTIMATED_TOO_EXPENSIVE',
            cost: { estimated: cost, max: maxCost },
            http: { status: 400 },
          },
        },
      );
    },
  };
}

/** The cost limit as an Apollo plugin of its own (the router in test/federation runs it). */
export function costLimitPlugin(maxCost: number, options: CostOptions): ApolloServerPlugin<GraphQLContext> {
  return requestHooksPlugin([costLimit(maxCost, options)]);
}
