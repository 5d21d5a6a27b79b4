/** Largest request body the API reads (a full 50-line order is far below 8 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * What a 503 tells clients to wait before retrying. Short: queue and proxy hiccups heal in seconds, and the
 * Idempotency-Key makes the retry safe.
 */
export const RETRY_AFTER_SECONDS = 2;
