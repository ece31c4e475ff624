import { isUuid } from '../../lib/uuid.js';
import type { Db } from '../../core/db/db.js';
import {
  toDelivery,
  toEndpoint,
  type AttemptRecord,
  type DeliveryRecord,
  type DeliveryRow,
  type DeliveryState,
  type DueDelivery,
  type EndpointRow,
  type WebhookEndpointRecord,
} from './webhooks.rows.js';
import type { StoredEvent } from '../../core/events/events.store.js';

/**
 * Webhook endpoints and deliveries. A delivery (one event to one endpoint) is created with its event
 * (EventStore.append); senders lease due deliveries with SKIP LOCKED, so replicas never send the same attempt
 * twice at once; every attempt is recorded. Secrets are stored as the caller seals them (encrypted) and are
 * only read back by `secretOf` for signing — never listed.
 */

const ISO = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const ENDPOINT = `id::text, url, description, events, enabled, created_by, ${ISO('created_at')} AS created_at,
  ${ISO('updated_at')} AS updated_at`;
const DELIVERY = `d.id::text, d.event_id::text, d.endpoint_id::text, d.state, d.attempts,
  ${ISO('d.next_attempt_at')} AS next_attempt_at, d.last_status_code, d.last_error, d.last_duration_ms,
  ${ISO('d.created_at')} AS created_at, ${ISO('d.delivered_at')} AS delivered_at`;

export class WebhookStore {
  constructor(private readonly db: Db) {}

  async createEndpoint(input: {
    url: string;
    events: readonly string[];
    description: string | null;
    sealedSecret: string;
    createdBy: string;
  }): Promise<WebhookEndpointRecord> {
    const [row] = await this.db.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (url, events, description, secret, created_by) VALUES ($1, $2::text[], $3, $4, $5)
       RETURNING ${ENDPOINT}`,
      [input.url, [...input.events], input.description, input.sealedSecret, input.createdBy],
    );
    return toEndpoint(row!);
  }

  async endpoints(): Promise<WebhookEndpointRecord[]> {
    const rows = await this.db.query<EndpointRow>(
      `SELECT ${ENDPOINT} FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id`,
    );
    return rows.map(toEndpoint);
  }

  async endpoint(id: string): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<EndpointRow>(
      `SELECT ${ENDPOINT} FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return row ? toEndpoint(row) : null;
  }

  async updateEndpoint(
    id: string,
    changes: { url?: string; events?: readonly string[]; description?: string | null; enabled?: boolean },
  ): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<EndpointRow>(
      `UPDATE webhook_endpoints SET url = COALESCE($2, url), events = COALESCE($3::text[], events),
         description = CASE WHEN $4::boolean THEN $5 ELSE description END, enabled = COALESCE($6, enabled),
         updated_at = clock_timestamp()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${ENDPOINT}`,
      [
        id,
        changes.url ?? null,
        changes.events ? [...changes.events] : null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.enabled ?? null,
      ],
    );
    return row ? toEndpoint(row) : null;
  }

  /** Soft delete (deliveries keep their endpoint); pending deliveries to it fail. */
  async deleteEndpoint(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `UPDATE webhook_endpoints SET deleted_at = clock_timestamp(), enabled = false
         WHERE id = $1 AND deleted_at IS NULL RETURNING id::text`,
        [id],
      );
      await tx.query(
        `UPDATE webhook_deliveries SET state = 'FAILED', next_attempt_at = NULL, last_error = 'endpoint deleted'
         WHERE endpoint_id = $1 AND state = 'PENDING'`,
        [id],
      );
      return rows.length > 0;
    });
  }

  /**
   * Re-seals every secret stored in clear (`plain:…`, written while no WEBHOOK_ENCRYPTION_KEY was set) with
   * `seal`. Each row changes only if it still holds what was read, so replicas starting together seal once.
   * Answers how many rows it sealed.
   */
  async resealPlainSecrets(seal: (sealed: string) => string): Promise<number> {
    const rows = await this.db.query<{ id: string; secret: string }>(
      `SELECT id, secret FROM webhook_endpoints WHERE secret LIKE 'plain:%'`,
    );
    let sealed = 0;
    for (const row of rows) {
      const changed = await this.db.query<{ id: string }>(
        `UPDATE webhook_endpoints SET secret = $2 WHERE id = $1 AND secret = $3 RETURNING id`,
        [row.id, seal(row.secret), row.secret],
      );
      sealed += changed.length;
    }
    return sealed;
  }

  async rotateSecret(id: string, sealedSecret: string): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<EndpointRow>(
      `UPDATE webhook_endpoints SET secret = $2, updated_at = clock_timestamp()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${ENDPOINT}`,
      [id, sealedSecret],
    );
    return row ? toEndpoint(row) : null;
  }

  /**
   * Leases up to `limit` due deliveries of enabled endpoints for `leaseMs` (a sender that dies lets them
   * come due again). Answers them with their event, URL and sealed secret.
   */
  async leaseDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const rows = await this.db.query<DeliveryRow & { url: string; secret: string; event: StoredEvent }>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
         WHERE d.state = 'PENDING' AND d.next_attempt_at <= clock_timestamp() AND w.enabled
         ORDER BY d.next_attempt_at, d.id LIMIT $1 FOR UPDATE OF d SKIP LOCKED
       ), leased AS (
         UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp() + ($2::int * interval '1 millisecond')
         FROM due WHERE d.id = due.id RETURNING d.*
       )
       SELECT ${DELIVERY}, w.url, w.secret,
         json_build_object('id', e.id::text, 'at', ${ISO('e.at')}, 'kind', e.kind, 'provider', e.provider,
           'nativeId', e.native_id, 'username', e.username, 'before', e.before, 'after', e.after, 'data', e.data,
           'actor', e.actor) AS event
       FROM leased d JOIN webhook_endpoints w ON w.id = d.endpoint_id JOIN account_events e ON e.id = d.event_id
       ORDER BY d.next_attempt_at, d.id`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      delivery: toDelivery(r),
      url: r.url,
      sealedSecret: r.secret,
      event: typeof r.event === 'string' ? (JSON.parse(r.event) as StoredEvent) : r.event,
    }));
  }

  /** Records one attempt; the delivery becomes DELIVERED, FAILED (gave up), or due again at `nextAttemptAt`. */
  async recordAttempt(
    deliveryId: string,
    attempt: { statusCode: number | null; durationMs: number; error: string | null },
    outcome: { state: DeliveryState; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, status_code, duration_ms, error, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [deliveryId, attempt.statusCode, attempt.durationMs, attempt.error, outcome.nextAttemptAt],
      );
      await tx.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, state = $2, next_attempt_at = $3,
           last_status_code = $4, last_error = $5, last_duration_ms = $6,
           delivered_at = CASE WHEN $2 = 'DELIVERED' THEN clock_timestamp() ELSE delivered_at END
         WHERE id = $1`,
        [deliveryId, outcome.state, outcome.nextAttemptAt, attempt.statusCode, attempt.error, attempt.durationMs],
      );
    });
  }

  /** Sends a delivery again (same webhook-id): due now, whatever its state. */
  async redeliver(deliveryId: string): Promise<DeliveryRecord | null> {
    if (!isUuid(deliveryId)) return null;
    const [row] = await this.db.query<DeliveryRow>(
      `UPDATE webhook_deliveries d SET state = 'PENDING', next_attempt_at = clock_timestamp()
       FROM webhook_endpoints w WHERE d.id = $1 AND w.id = d.endpoint_id AND w.deleted_at IS NULL
       RETURNING ${DELIVERY}`,
      [deliveryId],
    );
    return row ? toDelivery(row) : null;
  }

  async deliveries(
    query: { endpointId?: string; eventId?: string; states?: readonly DeliveryState[] },
    first: number,
    offset: number,
  ): Promise<{ items: DeliveryRecord[]; hasNextPage: boolean }> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY} FROM webhook_deliveries d
       WHERE ($1::uuid IS NULL OR d.endpoint_id = $1) AND ($2::bigint IS NULL OR d.event_id = $2)
         AND ($3::text[] IS NULL OR d.state = ANY($3))
       ORDER BY d.created_at DESC, d.id LIMIT $4 OFFSET $5`,
      [
        query.endpointId && isUuid(query.endpointId) ? query.endpointId : null,
        query.eventId ?? null,
        query.states?.length ? [...query.states] : null,
        first + 1,
        offset,
      ],
    );
    return { items: rows.slice(0, first).map(toDelivery), hasNextPage: rows.length > first };
  }

  async attempts(deliveryId: string): Promise<AttemptRecord[]> {
    const rows = await this.db.query<{
      at: string;
      status_code: number | null;
      duration_ms: number;
      error: string | null;
      next_attempt_at: string | null;
    }>(
      `SELECT ${ISO('at')} AS at, status_code, duration_ms, error, ${ISO('next_attempt_at')} AS next_attempt_at
       FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id`,
      [deliveryId],
    );
    return rows.map((r) => ({
      at: r.at,
      statusCode: r.status_code,
      durationMs: r.duration_ms,
      error: r.error,
      nextAttemptAt: r.next_attempt_at,
    }));
  }

  /** When the next pending delivery comes due (null: none pending). */
  async nextDue(): Promise<Date | null> {
    const [row] = await this.db.query<{ at: string | Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'PENDING'`,
    );
    return row?.at ? new Date(row.at) : null;
  }
}
