import { type OrderQueuesFixture, startOrderQueues } from "@orders/local-aws/testing";
import { createSqsSender } from "../adapters/sqs/sqs-order-queue";
import type { SqsSender } from "../adapters/sqs/sqs-sender";

/** The orders queues of the emulator, with the API's own sender pointed at them. */
export interface LocalQueue extends OrderQueuesFixture {
  /** The API's sender, configured for the emulator the way the local stack configures it (environment). */
  sender: SqsSender;
}

/** A real SQS emulator (fauxqs, via @orders/local-aws) with the orders queue as deployed. */
export async function startLocalQueue(): Promise<LocalQueue> {
  const queues = await startOrderQueues();
  return { ...queues, sender: createSqsSender(queues.local.env()) };
}
