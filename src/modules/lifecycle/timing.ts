/** The write pipeline's timing constants (leases, settling, reconciliation pauses, attempts). */

/** How long an intent's lease lasts without a heartbeat (INTENT_LEASE_MS). */
export const DEFAULT_LEASE_MS = 15_000;
/** After a time-adding write failed, how long its absence at the vendor proves nothing (WRITE_SETTLE_MS). */
export const DEFAULT_SETTLE_MS = 1_000;
/** Attempts of a non-idempotent write, each after a reconciliation that proved the previous one did not land. */
export const MAX_WRITE_ATTEMPTS = 4;
/** Pauses before asking again when a reconciliation read fails (as many as fit in the window). */
export const RECONCILE_PAUSES_MS = [250, 750, 1500];
