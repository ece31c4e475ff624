import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { AUTHENTICATION_REQUIRED, unauthenticated } from './auth.js';
import type { AppConfig } from '../config/config.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { Metrics } from '../lib/metrics.js';
import { activeSpan, documentHash } from '../lib/tracing.js';
import { costLimit } from './cost-estimate.js';
import { requestHooksPlugin, type RequestHooks } from './request-hooks.js';
import { explorerLandingPagePlugin } from './explorer.js';

/** Apollo plugins and validation rules: query limits, landing page, metrics + partial errors, status codes. */

type Plugin = ApolloServerPlugin<GraphQLContext>;

export interface ApolloExtras {
  plugins: Plugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  /** Spread into the ApolloServer options (armor's own settings). */
  protection: Omit<ReturnType<ApolloArmor['protect']>, 'plugins' | 'validationRules'>;
}

export function apolloExtras(config: AppConfig, metrics: Metrics, drain: Plugin): ApolloExtras {
  const armor = new ApolloArmor({
    maxDepth: { n: config.env.MAX_DEPTH },
    maxAliases: { n: config.env.MAX_ALIASES },
    maxDirectives: { n: config.env.MAX_DIRECTIVES },
    // Not armor's token plugin: it parses in a plugin hook, so every syntax error became a 500 with code
    // GRAPHQL_VALIDATION_FAILED. graphql-js's own parser limit (parseOptions.maxTokens) fails as a parse error.
    maxTokens: { enabled: false },
    // Not armor's cost limit: ours (./cost.ts) charges the SDL's @cost/@listSize weights, as the router does.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  });
  const { plugins, validationRules, ...protection } = armor.protect();
  return {
    protection,
    parseOptions: { maxTokens: config.env.MAX_TOKENS },
    validationRules: [...validationRules],
    plugins: [
      // Plugins written for BaseContext work for any context; TypeScript's variance check cannot see that.
      ...(plugins as Plugin[]),
      // Ours, per request, in this order at each stage: one plugin (see request-hooks.ts).
      requestHooksPlugin([
        serviceGate(config.introspection),
        entitiesBound(config.env.MAX_PAGE_SIZE),
        tracingHooks(),
        costLimit(config.env.MAX_COST, { defaultListSize: config.env.COST_LIST_SIZE }),
        partialErrors(metrics),
        graphqlOverHttpStatus(),
      ]),
      drain,
      landingPagePlugin(config.landingPage),
      inlineTraceWhenAsked(),
    ],
  };
}

const NO_LISTENER: Promise<void> = Promise.resolve();

/**
 * Apollo's inline trace plugin (federated tracing: the router asks for a request's trace with
 * `apollo-federation-include-trace: ftv1` and gets it in `extensions.ftv1`), started only for the requests that ask.
 * Apollo installs the same plugin in every subgraph by itself, and that one builds a trace tree for every request
 * before it reads the header: `{ __typename }` paid for a tree it never sent. Being listed here, it is not
 * installed twice (Apollo looks for its id).
 */
export function inlineTraceWhenAsked(): Plugin {
  const inner = ApolloServerPluginInlineTrace() as Plugin;
  const start = inner.requestDidStart!.bind(inner);
  return {
    ...inner,
    requestDidStart(ctx) {
      return ctx.request.http?.headers.get('apollo-federation-include-trace') === 'ftv1' ? start(ctx) : NO_LISTENER;
    },
  };
}

/** LANDING_PAGE: the offline explorer, Apollo Sandbox (from Apollo's CDN) or nothing. */
function landingPagePlugin(choice: AppConfig['landingPage']): Plugin {
  if (choice === 'graphiql') return explorerLandingPagePlugin();
  if (choice === 'apollo') return ApolloServerPluginLandingPageLocalDefault({ embed: true });
  return ApolloServerPluginLandingPageDisabled();
}

/**
 * `_service { sdl }` is the whole subgraph schema, internal fields included. While introspection is off
 * (production, unless INTROSPECTION=true) it is served only to the router (the right X-Router-Secret, see
 * auth.ts) and to admins; anyone else gets FORBIDDEN before execution. The router's own credential-less
 * requests (its secret, no caller credential) may run `_service` and `__typename` only: anything else is
 * UNAUTHENTICATED as it would be without the secret.
 */
export function serviceGate(introspection: boolean): RequestHooks {
  return {
    didResolveOperation({ document, operation, contextValue }) {
      const viewer = contextValue.viewer;
      const roots = operation ? rootFields(operation, document) : new Set<string>();
      if (viewer.router && viewer.roles.size === 0 && [...roots].some((f) => !ROUTER_ONLY.has(f))) {
        throw unauthenticated(AUTHENTICATION_REQUIRED);
      }
      if (introspection || !roots.has('_service')) return;
      if (viewer.router || viewer.roles.has('admin')) return;
      throw new GraphQLError(
        '`_service` (the subgraph SDL) is served only to the router (X-Router-Secret), to admins, or when ' +
          'INTROSPECTION=true.',
        { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
      );
    },
  };
}

/** What the router may run with its secret alone. */
const ROUTER_ONLY = new Set(['_service', '__typename']);

/** Names of the root fields an operation selects (through fragments and inline fragments at the root). */
export function rootFields(operation: OperationDefinitionNode, document: DocumentNode): Set<string> {
  // Apollo's documentStore hands the same parsed document (and operation node) to every request of a query hash.
  let names = rootFieldsOf.get(operation);
  if (!names) rootFieldsOf.set(operation, (names = walkRootFields(operation, document)));
  return names;
}

/** Per operation node of a cached document: its root fields, computed once. */
const rootFieldsOf = new WeakMap<OperationDefinitionNode, Set<string>>();

function walkRootFields(operation: OperationDefinitionNode, document: DocumentNode): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/**
 * `_entities` is bounded like a page: at most `max` representations per request (all `_entities` fields of the
 * document together, literal or from variables). armor's cost limit counts fields, not list lengths, so a
 * 3,000-representation request would otherwise cost 3,000 vendor reads. Refused before execution: no vendor call.
 */
export function entitiesBound(max: number): RequestHooks {
  return {
    didResolveOperation({ document, request }) {
      const count = countRepresentations(document, request.variables ?? {});
      if (count <= max) return;
      throw new GraphQLError(`\`_entities\` takes at most ${max} representations per request (got ${count}).`, {
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations', http: { status: 400 } },
      });
    },
  };
}

/**
 * Describes the operation span opened around the request (lib/tracing `operationSpan`): name, type and the
 * sha256 of the document (never its text or variables), and how many errors the response carries.
 */
export function tracingHooks(): RequestHooks {
  return {
    didResolveOperation({ operation, operationName, queryHash, source }) {
      const span = activeSpan();
      if (!span) return;
      const type = operation?.operation ?? 'unknown';
      span.setAttributes({
        'graphql.operation.type': type,
        'graphql.document.hash': queryHash || documentHash(source),
        ...(operationName ? { 'graphql.operation.name': operationName } : {}),
      });
      span.updateName(operationName ? `${type} ${operationName}` : type);
    },
    willSendResponse({ errors, contextValue }) {
      const count = (errors?.length ?? 0) + (contextValue.partialErrors?.length ?? 0);
      if (count > 0) activeSpan()?.setAttribute('graphql.error.count', count);
    },
  };
}

/** Representations asked for by every `_entities` field of a document (list literals and list variables). */
export function countRepresentations(document: DocumentNode, variables: Record<string, unknown>): number {
  // Most documents have no `_entities` field: known once per cached document, not walked per request.
  let has = hasEntities.get(document);
  if (has === undefined) {
    has = false;
    visit(document, {
      Field(field) {
        if (field.name.value === '_entities') has = true;
      },
    });
    hasEntities.set(document, has);
  }
  if (!has) return 0;
  let count = 0;
  visit(document, {
    Field(field) {
      if (field.name.value !== '_entities') return;
      const arg = field.arguments?.find((a) => a.name.value === 'representations');
      if (!arg) return;
      if (arg.value.kind === Kind.LIST) count += arg.value.values.length;
      else if (arg.value.kind === Kind.VARIABLE) {
        const value = variables[arg.value.name.value];
        count += Array.isArray(value) ? value.length : value == null ? 0 : 1;
      } else count += 1;
    },
  });
  return count;
}

/** Per document (Apollo's documentStore keeps one parsed document per query hash): has it an `_entities` field? */
const hasEntities = new WeakMap<DocumentNode, boolean>();

/** Counts operations and errors; appends the non-fatal per-provider errors collected during execution. */
export function partialErrors(metrics: Metrics): RequestHooks {
  return {
    didResolveOperation({ operation }) {
      metrics.operations.inc({ operation_type: operation?.operation ?? 'unknown' });
    },
    willSendResponse({ response, contextValue, errors }) {
      for (const e of errors ?? []) {
        metrics.errors.inc({ code: codeOf(e, 'INTERNAL_SERVER_ERROR') });
      }
      if (response.body.kind !== 'single' || !contextValue.partialErrors?.length) return;
      const extra = contextValue.partialErrors.map((e) => e.toJSON());
      for (const e of extra) metrics.errors.inc({ code: codeOf(e, 'UNKNOWN') });
      response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
      // An answer with a gap anywhere (a nested list's provider failing too) is never cached, whichever of this
      // hook and Apollo's cache-control plugin (which no-stores answers with errors) runs first.
      response.http.headers.set('cache-control', 'no-store');
    },
  };
}

function codeOf(error: { extensions?: Record<string, unknown> }, fallback: string): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : fallback;
}

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';
/** Errors of a well-formed request that never reached execution (GraphQL-over-HTTP "request errors"). */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL-over-HTTP status codes. A parse, validation or variable error (no `data`) answers
 * - 200 when the response is `application/json` (the spec: the legacy type answers 200 to a well-formed
 *   request, whatever its GraphQL errors),
 * - 400 when it is `application/graphql-response+json`.
 * Apollo answers 400 for both: this plugin settles it from the
 * request's Accept header, negotiated the way Apollo chooses the response type.
 */
export function graphqlOverHttpStatus(): RequestHooks {
  return {
    willSendResponse(ctx: GraphQLRequestContextWillSendResponse<GraphQLContext>) {
      const { response } = ctx;
      if (response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      if (result.data !== undefined && result.data !== null) return;
      const codes = (result.errors ?? []).map((e) => codeOf(e, ''));
      if (codes.length === 0 || !codes.every((c) => REQUEST_ERROR_CODES.has(c))) return;
      const accept = ctx.request.http?.headers.get('accept');
      response.http.status = preferredResponseType(accept) === GRAPHQL_RESPONSE_TYPE ? 400 : 200;
    },
  };
}

/** Which of the two JSON types an Accept header prefers (q, then specificity, then order; ties: application/json). */
export function preferredResponseType(accept: string | undefined): string {
  if (!accept) return JSON_TYPE;
  const ranges = accept.split(',').map((part, index) => {
    const [type = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return { type: type.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
  });
  const score = (candidate: string) => {
    let best: { q: number; specificity: number; index: number } | undefined;
    for (const r of ranges) {
      const specificity = r.type === candidate ? 2 : r.type === 'application/*' ? 1 : r.type === '*/*' ? 0 : -1;
      if (specificity < 0) continue;
      if (!best || specificity > best.specificity) best = { q: r.q, specificity, index: r.index };
    }
    return best && best.q > 0 ? best : undefined;
  };
  const json = score(JSON_TYPE);
  const gql = score(GRAPHQL_RESPONSE_TYPE);
  if (!gql) return JSON_TYPE;
  if (!json) return GRAPHQL_RESPONSE_TYPE;
  if (gql.q !== json.q) return gql.q > json.q ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
  if (gql.specificity !== json.specificity)
    return gql.specificity > json.specificity ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
  return gql.index < json.index ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
}
