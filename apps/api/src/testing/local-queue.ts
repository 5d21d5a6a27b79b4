import { type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type FauxqsServer, startFauxqs } from "fauxqs";

/** Dummy credentials: the emulator checks nothing, but the SDK refuses to sign without some. */
export const emulatorCredentials = { accessKeyId: "test", secretAccessKey: "test" };
export const emulatorRegion = "us-east-1";

export interface LocalQueue {
  server: FauxqsServer;
  /** Emulator endpoint on 127.0.0.1 (it listens on all interfaces; "localhost" may resolve to ::1). */
  endpoint: string;
  queueUrl: string;
  client: SQSClient;
  /** Receives up to `max` messages (long-polling briefly), with all message attributes. */
  receive(max?: number): Promise<Message[]>;
  stop(): Promise<void>;
}

/** Starts a real SQS emulator (fauxqs) on a free port with one queue, for tests that need a queue. */
export async function startLocalQueue(name = "orders"): Promise<LocalQueue> {
  const server = await startFauxqs({ port: 0, logger: false });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const { queueUrl } = server.createQueue(name);
  const client = new SQSClient({ endpoint, region: emulatorRegion, credentials: emulatorCredentials });
  return {
    server,
    endpoint,
    queueUrl,
    client,
    receive: async (max = 10) => {
      const result = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ["All"],
        }),
      );
      return result.Messages ?? [];
    },
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
}
