/** Largest request body the API reads (a full 50-line order is far below 8 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
