// ESLint flat config. TypeScript: typescript-eslint's recommendedTypeChecked (type information from the
// project service, i.e. the nearest tsconfig.json). GraphQL: @graphql-eslint on the checked-in subgraph SDL
// (schema-recommended + relay) and on the frontend operations (operations-recommended). Formatting belongs to
// Prettier: eslint-config-prettier comes last and turns off every stylistic rule.
//
// `npm run lint` = `eslint . --max-warnings 0 && prettier --check .`; .ci/run runs it after the type check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import prettier from 'eslint-config-prettier';

// The checked-in SDL is a federation subgraph: it uses @link/@key/@shareable without defining them (the
// router knows them). Their definitions are given here, as SDL, so the schema loads for linting.
const FEDERATION_DIRECTIVES = /* GraphQL */ `
  scalar link__Import
  scalar federation__FieldSet
  directive @link(url: String!, as: String, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @tag(
    name: String!
  ) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA
  directive @cost(
    weight: Int!
  ) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(
    assumedSize: Int
    slicingArguments: [String!]
    sizedFields: [String!]
    requireOneSlicingArgument: Boolean = true
  ) on FIELD_DEFINITION
`;
const graphqlConfig = {
  schema: ['schema/schema.graphql', FEDERATION_DIRECTIVES],
  documents: 'schema/operations/*.graphql',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test/generated/**',
      '.data/**',
      'examples/portal/dist/**',
      'examples/portal/src/generated/**',
    ],
  },

  // Plain JavaScript (config files, the crash-test driver script): the recommended set, no type information.
  // They run on Node; the Node globals they use are listed by hand (the `globals` package is not a
  // dependency of this project, only a transitive one).
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'fetch',
          'URL',
          'Buffer',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },

  // TypeScript with type information.
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused names are already errors in tsc (noUnusedLocals); keep the `_name` convention for the rest
      // (destructuring a field away, callback parameters required by a signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Apollo plugin hooks and type-graphql resolvers are declared `async` by contract (the interfaces
      // expect promises) even when a given hook has nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The reference portal (examples/portal): browser code, type-checked with its own tsconfig (DOM, JSX).
  {
    files: ['examples/portal/**/*.ts', 'examples/portal/**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests: jest's `expect(obj.method)` and mocks pass methods around unbound on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },

  // The generated subgraph SDL.
  {
    files: ['schema/schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: graphqlConfig } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Every type, field, argument and enum value is described, except the root types themselves: type-graphql
      // builds `Query` and `Mutation` and has no way to describe them, and in a federated graph the root types
      // belong to the supergraph (the router merges every subgraph's), not to one subgraph. Their fields are
      // still checked (rootField). test/schema/sdl.test.ts makes the same exception.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          ignoredSelectors: ['[type=ObjectTypeDefinition][name.value=/^(Query|Mutation|Subscription)$/]'],
        },
      ],
      // The Relay cursor spec lets a connection page forward only, backward only, or both (each pair complete,
      // which this rule still checks). `unresolvedIntents` is an operator work list read oldest first: forward
      // only, on purpose. The account connections page both ways (test/modules/accounts/account-list.test.ts).
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // Relay asks that connections be the only lists; this schema also has small, bounded plain lists on
      // purpose (`capabilities`, `userErrors`, `nodes(ids:)`, a provider's `plans`/`servers`, usage metrics).
      // Connections themselves are still checked by relay-connection-types / relay-edge-types' other checks.
      // Edge nodes need not implement `Node`: a write intent (`WriteIntentEdge.node`) is an operator record
      // with a store id, not a refetchable entity (`node(id:)` decodes entity ids only), so declaring it a
      // Node would promise a lookup that does not exist. Every entity edge's node does implement Node.
      '@graphql-eslint/relay-edge-types': ['error', { listTypeCanWrapOnlyEdgeType: false, shouldImplementNode: false }],
      // Only entities need an `id`. Connections, edges, page info, mutation payloads, error shapes and
      // value objects nested in an entity (plan of an account, usage report, connection configs, provider
      // info) have no identity of their own.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            // WebhookAttempt (one try of a delivery) and BulkItem (one account's result in an operation) are
            // rows shown inside their parent only, never refetched or cached on their own; so is ApiKeyScope
            // (the claims of one ApiKey), AccountConfirmations (the freshness of one Account's fields), and
            // AccountMoveStep and MoveCarryOver (parts of one AccountMove).
            types: [
              'PageInfo',
              'AccountPlan',
              'UsageReport',
              'UsageMetric',
              'WireGuardInfo',
              'ConnectionConfig',
              'WebhookAttempt',
              'BulkItem',
              'ApiKeyScope',
              'AccountConfirmations',
              'AccountMoveStep',
              'MoveCarryOver',
            ],
            suffixes: ['Connection', 'Edge', 'Payload', 'Error', 'Failure', 'Info'],
          },
        },
      ],
    },
  },

  // The operations frontends run (codegen types them; tests and the benchmark run them).
  {
    files: ['schema/operations/*.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: graphqlConfig } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      // Every selection of an entity asks for its `id` (normalised caches need it), fragments included.
      '@graphql-eslint/require-selections': ['error', { fieldName: 'id' }],
    },
  },

  prettier,
);
