import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import got from 'got';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { encodeId } from '../../domain/ids.js';
import type { Db } from '../../core/db/db.js';
import type { StoredEvent } from '../../core/events/events.store.js';
import { WebhookStore } from './webhooks.store.js';
import { type DueDelivery } from './webhooks.rows.js';
import { guardedLookup, literalTargetAllowed } from './webhook-target.js';

/**
 * Sends due webhook deliveries (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * signed with the `standardwebhooks` package), at least once: a 2xx answer is the only success; anything else
 * (including a redirect, which is never followed) is retried with exponential backoff and jitter until the retry
 * window has passed, then the delivery is FAILED. Runs only in jobs: a slow receiver never slows the API.
 */

export interface WebhookSettings {
  allowPrivate: boolean;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryWindowMs: number;
  encryptionKey?: string | undefined;
}

/** A fresh signing secret as Standard Webhooks expects it: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Encrypts a secret for storage (AES-256-GCM under WEBHOOK_ENCRYPTION_KEY); `plain:` when no key is set. */
export function sealSecret(secret: string, key: string | undefined): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(key).digest(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
}

/**
 * Encrypts the webhook secrets an earlier run stored in clear (`plain:`, no key then) under `key`; run at
 * start-up once WEBHOOK_ENCRYPTION_KEY is set (production requires it). Answers how many were sealed.
 */
export function resealPlainSecrets(db: Db, key: string): Promise<number> {
  return new WebhookStore(db).resealPlainSecrets((stored) => sealSecret(openSecret(stored, undefined), key));
}

export function openSecret(sealed: string, key: string | undefined): string {
  if (sealed.startsWith('plain:')) return sealed.slice('plain:'.length);
  const [v, iv, tag, body] = sealed.split(':');
  if (v !== 'v1' || !iv || !tag || !body || !key) throw new Error('webhook secret cannot be opened (key missing?)');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    createHash('sha256').update(key).digest(),
    Buffer.from(iv, 'base64'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** The JSON body of a webhook: `{ type, timestamp, data }` (Standard Webhooks' payload shape). */
export function webhookPayload(event: StoredEvent): { type: string; timestamp: string; data: Record<string, unknown> } {
  return {
    type: event.kind,
    timestamp: event.at,
    data: {
      eventId: Buffer.from(`AccountEvent:STORE:${event.id}`).toString('base64url'),
      account:
        event.provider && event.nativeId
          ? {
              id: encodeId('Account', event.provider, event.nativeId),
              provider: event.provider,
              nativeId: event.nativeId,
              username: event.username,
            }
          : null,
      before: event.before,
      after: event.after,
      details: event.data,
      actor: event.actor,
    },
  };
}

/** Delay before attempt n+1 after n failed attempts: base·2^(n-1), capped, with jitter in [½, 1]. */
export function backoffMs(failedAttempts: number, base: number, max: number, random = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.min(30, Math.max(0, failedAttempts - 1)));
  return Math.max(1, Math.round(exp * (0.5 + random() / 2)));
}

export class WebhookSender {
  private readonly store: WebhookStore;

  constructor(
    db: Db,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {
    this.store = new WebhookStore(db);
  }

  /** Sends every delivery due now (batches of `batch`, in parallel within a batch), for at most `budgetMs`. */
  async runOnce(
    options: { batch?: number; budgetMs?: number } = {},
  ): Promise<{ delivered: number; failed: number; retrying: number }> {
    const counts = { delivered: 0, failed: 0, retrying: 0 };
    const until = Date.now() + (options.budgetMs ?? 30_000);
    while (Date.now() < until) {
      const due = await this.store.leaseDue(options.batch ?? 25, this.settings.timeoutMs + 5_000);
      if (due.length === 0) break;
      const outcomes = await Promise.all(due.map((d) => this.send(d)));
      for (const o of outcomes) counts[o] += 1;
    }
    return counts;
  }

  /** When the next pending delivery is due (the job schedules itself then). */
  nextDue(): Promise<Date | null> {
    return this.store.nextDue();
  }

  private async send(due: DueDelivery): Promise<'delivered' | 'failed' | 'retrying'> {
    const { delivery, event, url } = due;
    const body = JSON.stringify(webhookPayload(event));
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      if (!literalTargetAllowed(url, this.settings.allowPrivate)) throw new Error('target is a private address');
      const secret = openSecret(due.sealedSecret, this.settings.encryptionKey);
      const msgId = `msg_${delivery.id}`;
      const now = new Date();
      const signature = new Webhook(secret).sign(msgId, now, body);
      const res = await got.post(url, {
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'vpn-graph-webhooks/1',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        followRedirect: false,
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: this.settings.timeoutMs },
        dnsLookup: guardedLookup(this.settings.allowPrivate),
        responseType: 'text',
      });
      statusCode = res.statusCode;
      if (statusCode < 200 || statusCode >= 300) error = `answered ${statusCode}`;
    } catch (failure) {
      error =
        failure instanceof Error
          ? `${(failure as { code?: string }).code ?? 'ERROR'}: ${failure.message}`.slice(0, 300)
          : 'failed';
    }
    const durationMs = Date.now() - started;
    if (!error) {
      await this.store.recordAttempt(
        delivery.id,
        { statusCode, durationMs, error },
        { state: 'DELIVERED', nextAttemptAt: null },
      );
      return 'delivered';
    }
    const wait = backoffMs(delivery.attempts + 1, this.settings.backoffBaseMs, this.settings.backoffMaxMs);
    const next = new Date(Date.now() + wait);
    const giveUp = next.getTime() - Date.parse(delivery.createdAt) > this.settings.retryWindowMs;
    await this.store.recordAttempt(
      delivery.id,
      { statusCode, durationMs, error },
      giveUp ? { state: 'FAILED', nextAttemptAt: null } : { state: 'PENDING', nextAttemptAt: next },
    );
    this.logger.debug({ delivery: delivery.id, statusCode, giveUp }, 'webhook attempt failed');
    return giveUp ? 'failed' : 'retrying';
  }
}
