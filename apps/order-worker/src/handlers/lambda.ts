import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { connectionConfigFromEnv, createDb, renewableDb } from "@orders/db-client";
import { createOrderWorkerHandler } from "./batch-handler";

// Infra names the service through POWERTOOLS_SERVICE_NAME; a constructor value would override it.
const serviceName = process.env.POWERTOOLS_SERVICE_NAME || "order-worker";

// Read at cold start so a misconfigured function fails at once, with a message naming what is missing.
const connection = connectionConfigFromEnv();
// One client (one connection) per container, opened on first use and reused across invocations; replaced
// when a batch outlives its deadline.
const db = renewableDb(() => createDb(connection, { applicationName: serviceName }));

/** Lambda entry point for the orders queue's event-source mapping (partial batch responses enabled). */
export const handler = createOrderWorkerHandler({
  sql: () => db.current().sql,
  within: (deadlineMs, work) => db.within(deadlineMs, (client) => work(client.sql)),
  logger: new Logger({ serviceName }),
  // POWERTOOLS_METRICS_NAMESPACE (set by infra) overrides the default namespace.
  metrics: new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "Orders", serviceName }),
});
