import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { VpnProvider } from '../../providers/port.js';
import { AccountOperation } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { ProviderHealthInfo, ProviderInfo } from './provider.type.js';

@Resolver(() => ProviderInfo)
export class ProviderResolver {
  @Query(() => [ProviderInfo], { description: 'The four providers, their mode, capabilities and health.' })
  providers(@Ctx() ctx: GraphQLContext): ProviderInfo[] {
    return ctx.services.registry.all().map((p) => toInfo(p));
  }

  @FieldResolver(() => ProviderHealthInfo, { description: 'Checked live (one cheap upstream call) when selected.' })
  async health(@Root() info: ProviderInfo, @Ctx() ctx: GraphQLContext): Promise<ProviderHealthInfo> {
    try {
      return await ctx.services.provider(info.name).health();
    } catch (error) {
      return { ok: false, breaker: 'unknown', message: error instanceof Error ? error.message : 'health check failed' };
    }
  }
}

function toInfo(p: VpnProvider): ProviderInfo {
  return {
    name: p.name,
    configured: !p.sandbox,
    sandbox: p.sandbox,
    capabilities: Object.values(AccountOperation).filter((op) => p.capabilities.has(op)),
    features: { ...p.features },
  };
}
