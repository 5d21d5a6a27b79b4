/**
 * What every 503 problem of the services tells a client to wait before retrying (`Retry-After`, seconds).
 * Short: queue and proxy hiccups heal in seconds, the deadlines (deadlines.ts) keep a retry cheap, and the
 * Idempotency-Key makes a retried `POST /orders` safe.
 */
export const RETRY_AFTER_SECONDS = 2;
