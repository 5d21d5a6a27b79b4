import { orderFlow } from "@orders/settings";
import { ordersQueue } from "./queues";
import { functionSpecs, seconds } from "./src/functions";
import { workerPermissions } from "./src/iam-policies";
import { commonFunctionArgs, databaseEnv, environment, proxyArn } from "./wiring";

const spec = functionSpecs.worker;

/**
 * The order worker, fed by the queue's event-source mapping. Batch size and window trade latency for fewer
 * transactions; partial batch responses retry only the failed records; the mapping's maximum concurrency is
 * the one bound on the write path's database connections (connection-budget).
 */
export const worker = ordersQueue.subscribe(
  {
    ...commonFunctionArgs,
    handler: spec.handler,
    memory: spec.memory,
    timeout: seconds(spec.timeoutSeconds),
    environment: environment(spec.serviceName, databaseEnv("worker")),
    permissions: $output(proxyArn).apply((proxy) => workerPermissions({ proxyArn: proxy })),
  },
  {
    batch: {
      size: orderFlow.batchSize,
      window: seconds(orderFlow.batchWindowSeconds),
      partialResponses: true,
    },
    transform: {
      eventSourceMapping: (args) => {
        args.scalingConfig = { maximumConcurrency: orderFlow.maxConcurrency };
      },
    },
  },
);
