import { GraphQLError, buildSchema, getOperationAST, type GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { HivePlugin } from './hive.js';
import { costLimitPlugin, estimateCost } from '../../src/main/cost-estimate.js';

/**
 * vpn-graph's cost estimate (src/main/cost-estimate.ts) as a router's demand control, on the supergraph (which keeps
 * @cost/@listSize; a router's API schema drops them). The router then refuses exactly what the subgraph would
 * refuse for the same operation, with the same error (COST_ESTIMATED_TOO_EXPENSIVE), before any fetch:
 * - @apollo/gateway has no demand control: this is its only one;
 * - Hive Gateway's own `demandControl` undercounts (named fragments, a missing slicing argument, the
 *   mutation base; see docs/federation.md), so an operation it accepts can be refused by the subgraph.
 */
export interface RouterCostOptions {
  supergraphSdl: string;
  maxCost: number;
  /** COST_LIST_SIZE. */
  listSize: number;
}

function supergraphOf(sdl: string): GraphQLSchema {
  return buildSchema(sdl, { assumeValidSDL: true });
}

function apollo(options: RouterCostOptions): ApolloServerPlugin {
  const schema = supergraphOf(options.supergraphSdl);
  return costLimitPlugin(options.maxCost, { defaultListSize: options.listSize, schema }) as ApolloServerPlugin;
}

function hive(options: RouterCostOptions): HivePlugin {
  const schema = supergraphOf(options.supergraphSdl);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document;
      const operation = getOperationAST(document, args.operationName);
      if (!operation) return;
      const variables = args.variableValues ?? {};
      const cost = estimateCost(schema, document, operation, variables, { defaultListSize: options.listSize });
      if (cost <= options.maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `Query cost limit of ${options.maxCost} exceeded: this operation is estimated at ${cost} ` +
              '(@cost/@listSize weights; ask for fewer items or fewer vendor-backed fields)',
            {
              extensions: {
                code: 'COST_ESTIMATED_TOO_EXPENSIVE',
                cost: { estimated: cost, max: options.maxCost },
                http: { status: 400 },
              },
            },
          ),
        ],
      });
    },
  };
}

export const routerCostLimit = { apollo, hive };
