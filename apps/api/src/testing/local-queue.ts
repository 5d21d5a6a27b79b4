import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { createOrderQueues, type LocalSqs, startLocalSqs } from "@orders/local-aws";
import { createSqsSender } from "../adapters/sqs/sqs-order-queue";
import type { SqsSender } from "../adapters/sqs/sqs-sender";

export interface LocalQueue {
  sqs: LocalSqs;
  /** The orders queue, at the emulator's own origin (reachable through AWS_ENDPOINT_URL_SQS alone). */
  queueUrl: string;
  /** The AWS SDK's client: the tests' own view of the queue. */
  client: SQSClient;
  /** The API's sender, configured for the emulator the way the local stack configures it (environment). */
  sender: SqsSender;
  /** Receives (and deletes) up to `max` messages, long-polling for at most `waitSeconds`. */
  receive(max?: number, waitSeconds?: number): Promise<Message[]>;
  /** Deletes whatever is on the queue, so each test sees only its own messages. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** A real SQS emulator (fauxqs, via @orders/local-aws) with the orders queue as deployed. */
export async function startLocalQueue(): Promise<LocalQueue> {
  const sqs = await startLocalSqs();
  const client = sqs.client();
  const { queueUrl: emulatorUrl } = await createOrderQueues(client);
  const queueUrl = sqs.reachableQueueUrl(emulatorUrl);
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
    sqs,
    queueUrl,
    client,
    sender: createSqsSender(sqs.env()),
    receive,
    drain: async () => {
      while ((await receive(10, 0)).length > 0) {}
    },
    stop: async () => {
      client.destroy();
      await sqs.stop();
    },
  };
}
