import type { AddressInfo } from "node:net";
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readQueueDepth } from "./queue-depth";

const server = buildApp({ logger: false, defaultRegion: "us-east-1" });
let endpoint: string;
let sqs: SQSClient;

beforeAll(async () => {
  // The emulator's app on loopback only (its own start function listens on every interface).
  await server.listen({ port: 0, host: "127.0.0.1" });
  endpoint = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  sqs = new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});
afterAll(async () => {
  sqs?.destroy();
  await server.close();
});

it("counts visible, in-flight and delayed messages separately", async () => {
  const { QueueUrl: created } = await sqs.send(new CreateQueueCommand({ QueueName: "depth" }));
  const queueUrl = new URL(new URL(created as string).pathname, endpoint).toString();
  expect(await readQueueDepth(sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

  for (const body of ["a", "b", "c"])
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "later", DelaySeconds: 60 }));
  await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }),
  );

  expect(await readQueueDepth(sqs, queueUrl)).toEqual({ visible: 2, inFlight: 1, delayed: 1 });
});
