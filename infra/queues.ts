import { orderFlow } from "@orders/settings";
import { seconds } from "./src/functions";

/** Where orders land after orderFlow.maxReceiveCount failed receives; kept the SQS maximum of 14 days. */
export const deadLetterQueue = new sst.aws.Queue("OrdersDeadLetter", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/**
 * Accepted orders waiting for the worker. The visibility timeout comes from orderFlow (at least 6x the
 * worker's timeout, as AWS advises for Lambda consumers), and so does the redrive count.
 */
export const ordersQueue = new sst.aws.Queue("Orders", {
  visibilityTimeout: seconds(orderFlow.visibilityTimeoutSeconds),
  dlq: { queue: deadLetterQueue.arn, retry: orderFlow.maxReceiveCount },
});
