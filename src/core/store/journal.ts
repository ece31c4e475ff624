import { redact } from '../../lib/redact.js';
import type { Db } from '../db/db.js';

/** The mutation journal (table `journal`): what was asked, by whom, and how it ended, never a secret. */

export interface JournalEntry {
  actor: string;
  operation: string;
  provider: string | null;
  target: string;
  input: Record<string, unknown>;
  outcome: 'ok' | 'user_error' | 'error' | 'unknown';
  errorCode: string | null;
  requestId: string | null;
}

const SECRET_KEY = /pass|secret|token|key/i;

export async function writeJournal(db: Db, entry: JournalEntry): Promise<void> {
  await db.query(
    `INSERT INTO journal (actor, operation, provider, target, input, outcome, error_code, request_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
    [
      entry.actor,
      entry.operation,
      entry.provider,
      redact(entry.target),
      JSON.stringify(scrub(entry.input)),
      entry.outcome,
      entry.errorCode,
      entry.requestId,
    ],
  );
}

export async function listJournal(
  db: Db,
  query: { limit: number; target?: string },
): Promise<Array<JournalEntry & { at: string }>> {
  const rows = await db.query<{
    at: string | Date;
    actor: string;
    operation: string;
    provider: string | null;
    target: string;
    input: Record<string, unknown>;
    outcome: JournalEntry['outcome'];
    error_code: string | null;
    request_id: string | null;
  }>(
    `SELECT at, actor, operation, provider, target, input, outcome, error_code, request_id FROM journal
     WHERE ($1::text IS NULL OR target = $1) ORDER BY id DESC LIMIT $2`,
    [query.target ?? null, query.limit],
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    operation: r.operation,
    provider: r.provider,
    target: r.target,
    input: r.input,
    outcome: r.outcome,
    errorCode: r.error_code,
    requestId: r.request_id,
  }));
}

/** Journal input without secrets: secret-named keys dropped, strings redacted. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && k !== 'idempotencyKey') continue;
      out[k] = scrub(v);
    }
    return out;
  }
  return value;
}
