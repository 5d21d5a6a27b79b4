import type { SQSClient } from "@aws-sdk/client-sqs";
import { createOrderQueues, startLocalSqs } from "@orders/local-aws";
import type { QueueUrls } from "../adapters/queue-depth";

export interface LocalQueues {
  urls: QueueUrls;
  /** A client for arranging messages (tests); the service under test builds its own `new SQSClient({})`. */
  sqs: SQSClient;
  stop(): Promise<void>;
}

/**
 * A real SQS emulator (fauxqs, through the local stack's `@orders/local-aws`) with the orders queue and its
 * DLQ as deployed (redrive policy included), and the AWS_* environment that points the platform's plain
 * `new SQSClient({})` at it.
 */
export async function startLocalQueues(): Promise<LocalQueues> {
  const local = await startLocalSqs();
  Object.assign(process.env, local.env());
  const sqs = local.client();
  const queues = await createOrderQueues(sqs);
  return {
    urls: {
      orders: local.reachableQueueUrl(queues.queueUrl),
      deadLetter: local.reachableQueueUrl(queues.deadLetterQueueUrl),
    },
    sqs,
    stop: async () => {
      sqs.destroy();
      await local.stop();
    },
  };
}
