import type { Logger } from "@aws-lambda-powertools/logger";

/** What route code logs through: the app's Powertools logger with this request's correlation id. */
export interface RequestLogger {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, error: unknown): void;
}

/**
 * Stamps the correlation id on every line by passing it with each call. Not `appendKeys` on the shared
 * logger: the local server runs requests concurrently and shared keys would mix them up. Not
 * `createChild()` per request either: it measured ~0.9 ms per request here, more than the rest of the
 * request handling together.
 */
export function requestLogger(logger: Logger, correlationId: string): RequestLogger {
  const keys = { correlation_id: correlationId };
  return {
    info: (message, attributes) => logger.info(message, keys, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, keys, attributes ?? {}),
    // Powertools serialises Error values (name, message, stack, cause) wherever they sit in the attributes.
    error: (message, error) => logger.error(message, { ...keys, error }),
  };
}
