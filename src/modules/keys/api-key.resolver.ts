import { Arg, Authorized, Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';
import { apiKeyId, effectiveScope } from './api-keys.service.js';
import type { ApiKeyRecord } from '../../core/store/api-keys.js';
import type { AccountOperation } from '../../graphql/common/enums.js';
import { COST, INTERNAL, cost } from '../../graphql/common/cost.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs.js';
import { CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.payloads.js';
import { ApiKey, ApiKeyConnection, ApiKeyRole } from './api-key.type.js';

/** API keys (admin only; others get FORBIDDEN). The service checks, stores and journals. */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized('admin')
  @Directive(cost(COST.STORE))
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  @Directive(INTERNAL)
  @Query(() => ApiKeyConnection, {
    description: 'API keys kept in the store, oldest first, revoked ones too (admin). Never a secret.',
  })
  async apiKeys(
    @Arg('first', () => Int, {
      defaultValue: 20,
      description: 'Page size (at most MAX_PAGE_SIZE, 100 unless configured).',
    })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<ApiKey>> {
    const page = await ctx.services.apiKeys.list(first, after);
    const nodes = page.nodes.map(toApiKey);
    return {
      edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] as ApiKey })),
      nodes,
      pageInfo: page.pageInfo,
      totalCount: await page.totalCount,
    };
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates an API key; answers its secret this once (only a hash is kept). A taken name: CONFLICT.',
  })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'Mutation input.' }) input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateApiKeyPayload> {
    return withUserErrors<Omit<CreateApiKeyPayload, 'userErrors'>>({ apiKey: null, secret: null }, async () => {
      const { apiKey, secret } = await ctx.services.apiKeys.create(input);
      return { apiKey: toApiKey(apiKey), secret };
    });
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => RevokeApiKeyPayload, {
    description:
      'Revokes an API key: the next request with it is refused, on every replica. Revoking twice changes nothing.',
  })
  revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, { description: 'Mutation input.' }) input: RevokeApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RevokeApiKeyPayload> {
    return withUserErrors<Omit<RevokeApiKeyPayload, 'userErrors'>>({ apiKey: null }, async () => ({
      apiKey: toApiKey(await ctx.services.apiKeys.revoke(input.id)),
    }));
  }
}

function toApiKey(record: ApiKeyRecord): ApiKey {
  const scope = effectiveScope(record);
  return {
    id: apiKeyId(record.id),
    name: record.name,
    role: record.role as ApiKeyRole, // the table's CHECK constraint allows exactly these values
    scope: scope
      ? {
          customerIds: [...scope.customerIds],
          projectIds: [...scope.projectIds],
          ops: [...scope.ops] as AccountOperation[],
          quota: scope.quota,
        }
      : null,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
  };
}
