import type { StoredEvent } from '../../core/events/events.store.js';

/** Records and row mapping of webhook endpoints and deliveries (store/webhooks.ts). */

export type DeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryRecord {
  id: string;
  eventId: string;
  endpointId: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface AttemptRecord {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: string | null;
}

/** A delivery leased for sending, with what the sender needs. */
export interface DueDelivery {
  delivery: DeliveryRecord;
  event: StoredEvent;
  url: string;
  sealedSecret: string;
}

export interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface DeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: string;
  delivered_at: string | null;
}

export function toEndpoint(r: EndpointRow): WebhookEndpointRecord {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    enabled: r.enabled,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toDelivery(r: DeliveryRow): DeliveryRecord {
  return {
    id: r.id,
    eventId: r.event_id,
    endpointId: r.endpoint_id,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastDurationMs: r.last_duration_ms,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}
