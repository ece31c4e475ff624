import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Directive } from 'type-graphql';
import { forwardConnection } from '../../graphql/common/page.js';
import { INTERNAL } from '../../graphql/common/cost.js';
import type { DeliveryRecord, WebhookEndpointRecord } from './webhooks.rows.js';
import { ownId } from './webhooks.service.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { ConnectionShape } from '../../graphql/common/page.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { eventId } from '../history/event.resolver.js';
import type { AccountEventKind } from '../history/event.type.js';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  RedeliverWebhookInput,
  RedeliverWebhookPayload,
  UpdateWebhookEndpointInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryState,
  WebhookEndpoint,
  WebhookEndpointPayload,
  WebhookEndpointRefInput,
  WebhookEndpointSecretPayload,
} from './webhook.type.js';

@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  @Authorized('admin')
  @Directive(INTERNAL)
  @Query(() => [WebhookEndpoint], { description: 'Webhook endpoints (admin). Secrets are never listed.' })
  async webhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<WebhookEndpoint[]> {
    return (await ctx.services.webhooks.list()).map(toEndpoint);
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Query(() => WebhookDeliveryConnection, { description: 'Webhook deliveries, newest first (admin).' })
  async webhookDeliveries(
    @Arg('endpointId', () => String, { nullable: true, description: 'Only this endpoint.' }) endpointId: string | null,
    @Arg('states', () => [WebhookDeliveryState], { nullable: true, description: 'Only these states.' })
    states: WebhookDeliveryState[] | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size (at most 100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    const page = await ctx.services.webhooks.deliveries({ endpointId, states: states }, first, after);
    return forwardConnection(
      page.items,
      toDelivery,
      (_item, i) => page.cursor(i),
      { hasNextPage: page.hasNextPage },
      after,
    );
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: GraphQLContext): Promise<WebhookAttempt[]> {
    return ctx.services.webhooks.attempts(delivery.rawId);
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => WebhookEndpointSecretPayload, {
    description: 'Adds a webhook endpoint; answers its signing secret once.',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput, { description: 'Mutation input.' })
    input: CreateWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointSecretPayload> {
    return withUserErrors<Secretful>({ endpoint: null, secret: null }, async () => {
      const { endpoint, secret } = await ctx.services.webhooks.create(input);
      return { endpoint: toEndpoint(endpoint), secret };
    });
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => WebhookEndpointPayload, { description: 'Changes a webhook endpoint.' })
  updateWebhookEndpoint(
    @Arg('input', () => UpdateWebhookEndpointInput, { description: 'Mutation input.' })
    input: UpdateWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointPayload> {
    return withUserErrors<{ endpoint: WebhookEndpoint | null }>({ endpoint: null }, async () => ({
      endpoint: toEndpoint(await ctx.services.webhooks.update(input.id, input)),
    }));
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: 'Removes a webhook endpoint (pending deliveries fail).',
  })
  deleteWebhookEndpoint(
    @Arg('input', () => WebhookEndpointRefInput, { description: 'Mutation input.' }) input: WebhookEndpointRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeleteWebhookEndpointPayload> {
    return withUserErrors<{ deletedEndpointId: string | null }>({ deletedEndpointId: null }, async () => ({
      deletedEndpointId: await ctx.services.webhooks.delete(input.id),
    }));
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => WebhookEndpointSecretPayload, {
    description: 'Replaces the signing secret; answers the new one once (the old one stops signing at once).',
  })
  rotateWebhookEndpointSecret(
    @Arg('input', () => WebhookEndpointRefInput, { description: 'Mutation input.' }) input: WebhookEndpointRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointSecretPayload> {
    return withUserErrors<Secretful>({ endpoint: null, secret: null }, async () => {
      const { endpoint, secret } = await ctx.services.webhooks.rotateSecret(input.id);
      return { endpoint: toEndpoint(endpoint), secret };
    });
  }

  @Authorized('admin')
  @Directive(INTERNAL)
  @Mutation(() => RedeliverWebhookPayload, { description: 'Sends a delivery again now (same webhook-id).' })
  redeliverWebhook(
    @Arg('input', () => RedeliverWebhookInput, { description: 'Mutation input.' }) input: RedeliverWebhookInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RedeliverWebhookPayload> {
    return withUserErrors<{ delivery: WebhookDelivery | null }>({ delivery: null }, async () => ({
      delivery: toDelivery(await ctx.services.webhooks.redeliver(input.deliveryId)),
    }));
  }
}

type Secretful = { endpoint: WebhookEndpoint | null; secret: string | null };

function toEndpoint(e: WebhookEndpointRecord): WebhookEndpoint {
  return {
    id: ownId('WebhookEndpoint', e.id),
    url: e.url,
    description: e.description,
    events: e.events as AccountEventKind[],
    enabled: e.enabled,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function toDelivery(d: DeliveryRecord): WebhookDelivery {
  return {
    id: ownId('WebhookDelivery', d.id),
    rawId: d.id,
    webhookId: `msg_${d.id}`,
    eventId: eventId(d.eventId),
    endpointId: ownId('WebhookEndpoint', d.endpointId),
    state: d.state as WebhookDeliveryState,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastDurationMs: d.lastDurationMs,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}
