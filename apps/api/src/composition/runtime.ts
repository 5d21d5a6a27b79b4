import type { Logger } from "@aws-lambda-powertools/logger";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import type { ServiceEnv } from "@orders/http-kit";
import { catalogueCache } from "@orders/settings";
import type { Hono } from "hono";
import { cachedProductReader } from "../adapters/cached-product-reader";
import { readConfig } from "../adapters/config";
import { dbReadersOnFirstUse } from "../adapters/db-readers-on-first-use";
import { createLogger } from "../adapters/logger";
import { createMetrics, flushMetrics } from "../adapters/metrics";
import { SqsOrderQueue } from "../adapters/sqs/sqs-order-queue";
import { SqsSender } from "../adapters/sqs/sqs-sender";
import { createApp } from "../http/create-app";

/** What an entry point keeps for its container's life. */
export interface ApiRuntime {
  /** The API over the real adapters. */
  app: Hono<ServiceEnv>;
  /** The logger the app logs through (the local server announces itself with it). */
  logger: Logger;
  /**
   * Prints what the invocation (locally: the request) recorded, once, after its answer is built; nothing
   * when it recorded nothing.
   */
  flushMetrics(): void;
  /** Closes the database connection if one was opened (local server shutdown, tests). */
  close(): Promise<void>;
}

/** What a test may build itself instead of the runtime. */
export interface RuntimeOverrides {
  logger?: Logger;
  metrics?: Metrics;
}

/**
 * The composition root: reads the configuration from `environment` (failing at once, naming what is
 * missing) and builds the real adapters and the app over them, once per container. Nothing here performs
 * I/O: the SQS sender connects on its first send and the database client on its first query, so cold starts
 * that only serve /health or a validation error never pay for a connection. The database code itself
 * (Drizzle, postgres.js, the IAM token signer) is loaded on the first read: `POST /orders` reads the database
 * only with an Idempotency-Key (to refuse another body under a key already used), for at most
 * `apiIdempotencyLookupMs`.
 *
 * @example
 * const runtime = createRuntime(process.env); // module scope: the Lambda init phase
 */
export function createRuntime(
  environment: Record<string, string | undefined>,
  overrides: RuntimeOverrides = {},
): ApiRuntime {
  const config = readConfig(environment);
  const logger = overrides.logger ?? createLogger(environment);
  const metrics = overrides.metrics ?? createMetrics(environment);
  const db = dbReadersOnFirstUse(() =>
    import("../adapters/db-readers").then((m) => m.createDbReaders(config.database)),
  );
  const app = createApp({
    queue: new SqsOrderQueue(new SqsSender(config.sqs), config.queueUrl, metrics),
    orders: db.orders,
    // The public catalogue: at most one database read per container every few seconds, whoever asks.
    products: cachedProductReader(db.products, { ttlMs: catalogueCache.containerTtlMs }),
    logger,
  });
  return {
    app,
    logger,
    flushMetrics: () => flushMetrics(metrics),
    // Node's fetch keeps its idle connections unreferenced: nothing of the sender's to close.
    close: () => db.close(),
  };
}
