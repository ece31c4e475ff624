import { ErrorCode, InputError } from '../../domain/errors.js';
import type { Viewer } from '../../domain/viewer.js';
import { ACCOUNT_EVENT_KINDS, type AccountEventKind } from '../../core/events/events.store.js';
import { WebhookStore } from './webhooks.store.js';
import {
  type AttemptRecord,
  type DeliveryRecord,
  type DeliveryState,
  type WebhookEndpointRecord,
} from './webhooks.rows.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { decodeOffsetCursor, offsetCursor } from '../../core/pagination.js';
import { newWebhookSecret, sealSecret } from './webhook-sender.js';
import { checkWebhookUrl } from './webhook-target.js';

/**
 * Webhook endpoints (admin): create, list, update, delete, rotate the signing secret (shown once, on
 * creation and rotation; stored encrypted, never listed, never logged), deliveries and redelivery.
 */

export const DELIVER_WEBHOOKS_JOB = 'deliver-webhooks';

export interface EndpointInput {
  url?: string | null;
  events?: readonly AccountEventKind[] | null;
  description?: string | null;
  enabled?: boolean | null;
}

const MAX_ENDPOINTS = 50;

export class WebhookService {
  private readonly store: WebhookStore;

  constructor(private readonly kernel: ServiceKernel) {
    this.store = new WebhookStore(kernel.store.db);
  }

  private get env() {
    return this.kernel.deps.config.env;
  }
  private get viewer(): Viewer {
    return this.kernel.deps.viewer;
  }

  async create(input: EndpointInput): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    this.kernel.scope.requireUnscoped('webhooks');
    const url = await checkWebhookUrl(input.url ?? '', this.env.WEBHOOK_ALLOW_PRIVATE);
    const events = checkEvents(input.events);
    const description = checkDescription(input.description);
    if ((await this.store.endpoints()).length >= MAX_ENDPOINTS)
      throw new InputError('url', `At most ${MAX_ENDPOINTS} webhook endpoints.`, ErrorCode.CONFLICT);
    const secret = newWebhookSecret();
    const endpoint = await this.store.createEndpoint({
      url,
      events,
      description,
      sealedSecret: sealSecret(secret, this.env.WEBHOOK_ENCRYPTION_KEY),
      createdBy: this.viewer.actor,
    });
    return { endpoint, secret };
  }

  list(): Promise<WebhookEndpointRecord[]> {
    this.kernel.scope.requireUnscoped('webhooks');
    return this.store.endpoints();
  }

  async update(id: string, input: EndpointInput): Promise<WebhookEndpointRecord> {
    this.kernel.scope.requireUnscoped('webhooks');
    const changes: Parameters<WebhookStore['updateEndpoint']>[1] = {};
    if (input.url != null) changes.url = await checkWebhookUrl(input.url, this.env.WEBHOOK_ALLOW_PRIVATE);
    if (input.events != null) changes.events = checkEvents(input.events);
    if (input.description !== undefined) changes.description = checkDescription(input.description);
    if (input.enabled != null) changes.enabled = input.enabled;
    const updated = await this.store.updateEndpoint(this.endpointId(id), changes);
    if (!updated) throw notFound();
    return updated;
  }

  async delete(id: string): Promise<string> {
    this.kernel.scope.requireUnscoped('webhooks');
    if (!(await this.store.deleteEndpoint(this.endpointId(id)))) throw notFound();
    return id;
  }

  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    this.kernel.scope.requireUnscoped('webhooks');
    const secret = newWebhookSecret();
    const endpoint = await this.store.rotateSecret(
      this.endpointId(id),
      sealSecret(secret, this.env.WEBHOOK_ENCRYPTION_KEY),
    );
    if (!endpoint) throw notFound();
    return { endpoint, secret };
  }

  async deliveries(
    query: { endpointId?: string | null; states?: readonly DeliveryState[] | null },
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: DeliveryRecord[]; hasNextPage: boolean; cursor(index: number): string }> {
    if (!Number.isInteger(first) || first < 0 || first > 100)
      throw new InputError('first', '`first` must be between 0 and 100.');
    const offset = after ? decodeOffsetCursor(after, 'after') + 1 : 0;
    const page = await this.store.deliveries(
      {
        ...(query.endpointId ? { endpointId: this.endpointId(query.endpointId, 'endpointId') } : {}),
        ...(query.states?.length ? { states: query.states } : {}),
      },
      first,
      offset,
    );
    return { ...page, cursor: (i) => offsetCursor(offset + i) };
  }

  attempts(deliveryId: string): Promise<AttemptRecord[]> {
    this.kernel.scope.requireUnscoped('webhooks');
    return this.store.attempts(deliveryId);
  }

  async redeliver(deliveryId: string): Promise<DeliveryRecord> {
    this.kernel.scope.requireUnscoped('webhooks');
    const id = decodeOwn('WebhookDelivery', deliveryId);
    const delivery = id ? await this.store.redeliver(id) : null;
    if (!delivery) throw new InputError('deliveryId', 'No such webhook delivery.', ErrorCode.NOT_FOUND);
    await this.kernel.deps.jobs?.send(DELIVER_WEBHOOKS_JOB, { reason: 'redeliver' }).catch(() => null);
    return delivery;
  }

  private endpointId(id: string, field = 'id'): string {
    const raw = decodeOwn('WebhookEndpoint', id);
    if (!raw) throw new InputError(field, `\`${field}\` is not a valid WebhookEndpoint id.`);
    return raw;
  }
}

/** Opaque ids of store-kept objects of this area: base64url("Type:STORE:<id>"). */
export function ownId(type: string, id: string): string {
  return Buffer.from(`${type}:STORE:${id}`).toString('base64url');
}

export function decodeOwn(type: string, id: string): string | null {
  if (typeof id !== 'string' || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const prefix = `${type}:STORE:`;
  return text.startsWith(prefix) && text.length > prefix.length ? text.slice(prefix.length) : null;
}

function checkEvents(events: readonly AccountEventKind[] | null | undefined): AccountEventKind[] {
  if (!events || events.length === 0) throw new InputError('events', 'Subscribe to at least one event kind.');
  const unknown = events.filter((e) => !ACCOUNT_EVENT_KINDS.includes(e));
  if (unknown.length) throw new InputError('events', `Unknown event kinds: ${unknown.join(', ')}.`);
  return [...new Set(events)];
}

function checkDescription(description: string | null | undefined): string | null {
  if (description != null && description.length > 500)
    throw new InputError('description', '`description` is at most 500 characters.');
  return description ?? null;
}

function notFound(): InputError {
  return new InputError('id', 'No such webhook endpoint.', ErrorCode.NOT_FOUND);
}
