import type { SQSClient } from "@aws-sdk/client-sqs";
import { startOrderQueues } from "@orders/local-aws/testing";
import type { QueueUrls } from "../adapters/queue-depth";

/** The emulator's orders queues, named as the reporting service reads them. */
export interface LocalQueues {
  urls: QueueUrls;
  /** A client for arranging messages (tests); the service under test builds its own (`reportingSqsClient()`). */
  sqs: SQSClient;
  stop(): Promise<void>;
}

/**
 * The orders queues of the testing kit, plus the AWS_* environment that points the service's
 * `reportingSqsClient()` at the emulator.
 */
export async function startLocalQueues(): Promise<LocalQueues> {
  const queues = await startOrderQueues();
  Object.assign(process.env, queues.local.env());
  return {
    urls: { orders: queues.queueUrl, deadLetter: queues.deadLetterQueueUrl },
    sqs: queues.client,
    stop: queues.stop,
  };
}
