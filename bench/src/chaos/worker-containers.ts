import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { createDb, type RenewableDb, renewableDb } from "@orders/db-client";
import { lambdaContainerPool, type SqsLambdaHandler } from "@orders/local-aws";
import { createOrderWorkerHandler } from "@orders/order-worker/handler";
import { createRuntime } from "@orders/order-worker/runtime";
import type { ContainerCrashes } from "./container-crashes";

/**
 * The real worker handler, one instance per concurrent batch (like one Lambda container each), each with its
 * own one-connection client as the worker role. Logs and metrics are silenced: the run prints its own figures.
 * Each container's work runs within `crashes`, so an error its connection throws later is known as its crash.
 */
export function workerContainers(
  databaseUrl: string,
  crashes: Pick<ContainerCrashes, "within">,
): {
  handler: SqsLambdaHandler;
  containers(): number;
  close(): Promise<void>;
} {
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  const clients: RenewableDb[] = [];
  const pool = lambdaContainerPool(async (container) => {
    // Wired as the worker's runtime wires it: one connection, replaced when a batch outlives its deadline.
    const db = crashes.within(container, () =>
      renewableDb(() => createDb({ kind: "url", url: databaseUrl }, { applicationName: "chaos-worker" })),
    );
    clients.push(db);
    const handler = createOrderWorkerHandler(
      createRuntime(
        {},
        {
          db: {
            sql: () => db.current().sql,
            within: (deadlineMs, work) => db.within(deadlineMs, (client) => work(client.sql)),
          },
          logger: new Logger({ serviceName: "order-worker", logLevel: "SILENT" }),
          metrics: new Metrics({ namespace: "Orders", serviceName: "order-worker" }),
        },
      ),
    );
    return (event, context) => crashes.within(container, () => handler(event, context));
  });
  return {
    handler: pool.handler,
    containers: pool.containers,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
