import { Logger } from "@aws-lambda-powertools/logger";
import { createDb, lazyDb } from "@orders/db-client";
import { DbOrderReader } from "./adapters/db-order-reader";
import { DbProductReader } from "./adapters/db-product-reader";
import { createSqsClient, SqsOrderQueue } from "./adapters/sqs-order-queue";
import type { ApiDeps } from "./app";
import type { ApiConfig } from "./config";

export interface ApiRuntime {
  deps: ApiDeps;
  /** Closes the database connection if one was opened (local server shutdown, tests). */
  close(): Promise<void>;
}

/**
 * The real adapters, built once per container. Nothing here performs I/O: the SQS client connects on its
 * first send and the database client on its first query, so cold starts that only serve /health or a
 * validation error never pay for a connection.
 */
export function createRuntime(config: ApiConfig, logger = createLogger()): ApiRuntime {
  let opened = false;
  const db = lazyDb(() => {
    opened = true;
    return createDb(config.database, { applicationName: "orders-api" });
  });
  const sqs = createSqsClient();
  return {
    deps: {
      queue: new SqsOrderQueue(sqs, config.queueUrl),
      orders: new DbOrderReader(db),
      products: new DbProductReader(db),
      logger,
    },
    close: async () => {
      sqs.destroy();
      if (opened) await db().close();
    },
  };
}

/** Infra names the service through POWERTOOLS_SERVICE_NAME; a constructor value would override it. */
function createLogger(env: Record<string, string | undefined> = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME || "orders-api" });
}
