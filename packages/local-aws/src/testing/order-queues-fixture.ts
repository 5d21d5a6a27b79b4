import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { type LocalSqs, startLocalSqs } from "../local-sqs";
import { createOrderQueues } from "../order-queues";

/** The SQS emulator with the orders queue and its dead-letter queue as deployed, for tests and benchmarks. */
export interface OrderQueuesFixture {
  local: LocalSqs;
  /** The AWS SDK's client: the tests' own view of the queues. */
  client: SQSClient;
  /** The orders queue, at the emulator's own origin (reachable through AWS_ENDPOINT_URL_SQS alone). */
  queueUrl: string;
  /** Its dead-letter queue, reachable the same way. */
  deadLetterQueueUrl: string;
  /** Receives (and deletes) up to `max` messages of the orders queue, long-polling at most `waitSeconds`. */
  receive(max?: number, waitSeconds?: number): Promise<Message[]>;
  /** Deletes whatever is on the orders queue, so each test sees only its own messages. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a real SQS emulator (fauxqs) and creates the orders queues with their redrive policy.
 *
 * @example
 * const queues = await startOrderQueues();
 * const sender = createSqsSender(queues.local.env());
 */
export async function startOrderQueues(): Promise<OrderQueuesFixture> {
  const local = await startLocalSqs();
  const client = local.client();
  const created = await createOrderQueues(client);
  const queueUrl = local.reachableQueueUrl(created.queueUrl);
  const receive = async (max = 10, waitSeconds = 1) => {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        MessageAttributeNames: ["All"],
      }),
    );
    if (Messages.length > 0) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    return Messages;
  };
  return {
    local,
    client,
    queueUrl,
    deadLetterQueueUrl: local.reachableQueueUrl(created.deadLetterQueueUrl),
    receive,
    drain: async () => {
      while ((await receive(10, 0)).length > 0) {}
    },
    stop: async () => {
      client.destroy();
      await local.stop();
    },
  };
}
