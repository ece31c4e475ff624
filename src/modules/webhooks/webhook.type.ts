import { Field, ID, InputType, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { Node } from '../../graphql/common/node.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { UserError } from '../../graphql/common/user-error.js';
import { AccountEventKind } from '../history/event.type.js';

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet; `nextAttemptAt` says when it is tried (again).' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: {
      description:
        'Retried for the whole retry window (WEBHOOK_RETRY_WINDOW_MS) without a 2xx; redeliver to try again.',
    },
  },
});

@Directive(INTERNAL)
@ObjectType({ implements: Node, description: 'Where events are posted (Standard Webhooks, signed).' })
export class WebhookEndpoint extends Node {
  @Field({ description: 'Target URL (http or https; never followed through redirects).' }) url!: string;
  @Field(() => String, { nullable: true, description: 'What it is for.' }) description!: string | null;
  @Field(() => [AccountEventKind], { description: 'Event kinds posted to it.' }) events!: AccountEventKind[];
  @Field({ description: 'False: nothing is posted (deliveries wait).' }) enabled!: boolean;
  @Field(() => DateTime, { description: 'Created.' }) createdAt!: string;
  @Field(() => DateTime, { description: 'Last changed (including secret rotation).' }) updatedAt!: string;
}

@ObjectType({ description: 'One attempt of a delivery.' })
export class WebhookAttempt {
  @Field(() => DateTime, { description: 'When it was made.' }) at!: string;
  @Field(() => Int, { nullable: true, description: 'HTTP status answered; null when no answer came.' })
  statusCode!: number | null;
  @Field(() => Int, { description: 'How long it took (ms).' }) durationMs!: number;
  @Field(() => String, { nullable: true, description: 'Why it failed (no secret, no body).' }) error!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the next attempt was scheduled.' })
  nextAttemptAt!: string | null;
}

@Directive(INTERNAL)
@ObjectType({ implements: Node, description: 'One event posted to one endpoint, at least once.' })
export class WebhookDelivery extends Node {
  @Field({ description: 'The `webhook-id` header of every attempt (receivers deduplicate on it).' })
  webhookId!: string;
  @Field(() => ID, { description: 'The AccountEvent posted.' }) eventId!: string;
  @Field(() => ID, { description: 'The endpoint.' }) endpointId!: string;
  @Field(() => WebhookDeliveryState, { description: 'State.' }) state!: WebhookDeliveryState;
  @Field(() => Int, { description: 'Attempts made.' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' }) lastStatusCode!: number | null;
  @Field(() => Int, { nullable: true, description: 'Duration of the last attempt (ms).' }) lastDurationMs!:
    number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the next attempt is due (PENDING).' })
  nextAttemptAt!: string | null;
  @Field(() => DateTime, { description: 'Created (with its event).' }) createdAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'When a 2xx came.' }) deliveredAt!: string | null;
  /** Raw id for the attempts resolver. */
  rawId!: string;
}

export const WebhookDeliveryConnection = connectionTypes(
  WebhookDelivery,
  'WebhookDelivery',
  'A page of webhook deliveries, newest first.',
).Connection;

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({
    description: 'http(s) URL; private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE.',
  })
  url!: string;
  @Field(() => [AccountEventKind], { description: 'Event kinds to post.' }) events!: AccountEventKind[];
  @Field(() => String, { nullable: true, description: 'What it is for.' }) description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint (omitted fields stay).' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'Endpoint id.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New URL.' }) url?: string | null;
  @Field(() => [AccountEventKind], { nullable: true, description: 'New event kinds.' }) events?:
    AccountEventKind[] | null;
  @Field(() => String, { nullable: true, description: 'New description.' }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Pause (false) or resume (true) deliveries.' })
  enabled?: boolean | null;
}

@InputType({ description: 'A webhook endpoint.' })
export class WebhookEndpointRefInput {
  @Field(() => ID, { description: 'Endpoint id.' }) id!: string;
}

@InputType({ description: 'A delivery to send again.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'Delivery id.' }) deliveryId!: string;
}

@ObjectType({ description: 'Result of createWebhookEndpoint / rotateWebhookEndpointSecret.' })
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' }) endpoint!: WebhookEndpoint | null;
  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (`whsec_…`), shown this once: store it now; it is never shown again.',
  })
  secret!: string | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateWebhookEndpoint.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' }) endpoint!: WebhookEndpoint | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleteWebhookEndpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the deleted endpoint.' }) deletedEndpointId!: string | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of redeliverWebhook.' })
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, due now.' })
  delivery!: WebhookDelivery | null;
  @Field(() => [UserError], { description: 'Problems; empty on success.' }) userErrors!: UserError[];
}
