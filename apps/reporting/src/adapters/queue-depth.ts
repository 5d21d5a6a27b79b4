import type { SQSClient } from "@aws-sdk/client-sqs";
import { readQueueDepth } from "@orders/queue-depth";
import type { QueueDepths } from "../domain/reports";

/** The queues the dashboard watches. */
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
