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

/** Reads both queues' depths (two GetQueueAttributes calls, in parallel); `signal` aborts both. */
export async function readQueueDepths(
  sqs: SQSClient,
  urls: QueueUrls,
  signal?: AbortSignal,
): Promise<QueueDepths> {
  const options = signal ? { signal } : {};
  const [orders, deadLetter] = await Promise.all([
    readQueueDepth(sqs, urls.orders, options),
    readQueueDepth(sqs, urls.deadLetter, options),
  ]);
  return { orders, deadLetter };
}
