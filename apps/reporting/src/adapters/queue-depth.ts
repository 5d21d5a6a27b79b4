import type { SQSClient } from "@aws-sdk/client-sqs";
import { type QueueDepth, readQueueDepth } from "@orders/queue-depth";

/** The orders queue and its dead-letter queue, as the dashboard shows them. */
export interface QueueDepths {
  orders: QueueDepth;
  deadLetter: QueueDepth;
}

export interface QueueUrls {
  orders: string;
  deadLetter: string;
}

/** Reads both queues' depths (two GetQueueAttributes calls, in parallel). */
export async function readQueueDepths(sqs: SQSClient, urls: QueueUrls): Promise<QueueDepths> {
  const [orders, deadLetter] = await Promise.all([
    readQueueDepth(sqs, urls.orders),
    readQueueDepth(sqs, urls.deadLetter),
  ]);
  return { orders, deadLetter };
}
