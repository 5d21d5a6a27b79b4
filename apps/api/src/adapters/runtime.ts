import { Logger } from "@aws-lambda-powertools/logger";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import { catalogueCache } from "@orders/settings";
import type { ApiDeps } from "../http/create-app";
import { cachedProductReader } from "./cached-product-reader";
import type { ApiConfig } from "./config";
import { dbReadersOnFirstUse } from "./db-readers-on-first-use";
import { createApiMetrics } from "./metrics";
import { SqsOrderQueue } from "./sqs/sqs-order-queue";
import { SqsSender } from "./sqs/sqs-sender";

export interface ApiRuntime {
  deps: ApiDeps;
  /** What the adapters count; the entry point prints it once per invocation (request, locally). */
  metrics: Metrics;
  /** Closes the database connection if one was opened (local server shutdown, tests). */
  close(): Promise<void>;
}

/**
 * The real adapters, built once per container. Nothing here performs I/O: the SQS sender connects on its
 * first send and the database client on its first query, so cold starts that only serve /health or a
 * validation error never pay for a connection. The database code itself (Drizzle, postgres.js, the IAM
 * token signer) is loaded on the first read: `POST /orders` reads the database only with an Idempotency-Key
 * (to refuse another body under a key already used), for at most `apiIdempotencyLookupMs`.
 */
export function createRuntime(
  config: ApiConfig,
  logger = createLogger(),
  metrics = createApiMetrics(),
): ApiRuntime {
  const db = dbReadersOnFirstUse(() =>
    import("./db-readers").then((m) => m.createDbReaders(config.database)),
  );
  const sqs = new SqsSender(config.sqs);
  return {
    deps: {
      queue: new SqsOrderQueue(sqs, config.queueUrl, metrics),
      orders: db.orders,
      // The public catalogue: at most one database read per container every few seconds, whoever asks.
      products: cachedProductReader(db.products, { ttlMs: catalogueCache.containerTtlMs }),
      logger,
    },
    metrics,
    // Node's fetch keeps its idle connections unreferenced: nothing of the sender's to close.
    close: async () => {
      await db.close();
    },
  };
}

/** Infra names the service through POWERTOOLS_SERVICE_NAME; a constructor value would override it. */
function createLogger(env: Record<string, string | undefined> = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME || "orders-api" });
}
