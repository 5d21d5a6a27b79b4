import {
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createOrderQueues } from "./order-queues";
import { queueDepth } from "./queue-depth";
import { redriveDeadLetters } from "./redrive";
import { useLocalSqs } from "./testing/use-local-sqs";

const emulator = useLocalSqs();

/** Fails every message maxReceiveCount times, so the queue's redrive policy dead-letters them all. */
async function exhaustReceives(queueUrl: string): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const { Messages = [] } = await emulator.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    if (Messages.length === 0) return;
    for (const message of Messages) {
      await emulator.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
  }
  throw new Error("messages were never dead-lettered");
}

describe("redriveDeadLetters", () => {
  it("moves dead letters back to the orders queue with their bodies and attributes", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "redrive" });
    const bodies = Array.from({ length: 13 }, (_, i) => JSON.stringify({ orderId: `order-${i}` }));
    for (const body of bodies) {
      await emulator.sqs.send(
        new SendMessageCommand({
          QueueUrl: queues.queueUrl,
          MessageBody: body,
          MessageAttributes: {
            correlationId: { DataType: "String", StringValue: `corr-${body.length}` },
            attempt: { DataType: "Number", StringValue: "1" },
            raw: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
          },
        }),
      );
    }
    await exhaustReceives(queues.queueUrl);
    expect((await queueDepth(emulator.sqs, queues.deadLetterQueueUrl)).visible).toBe(bodies.length);

    const result = await redriveDeadLetters(emulator.sqs, {
      source: queues.deadLetterQueueUrl,
      destination: queues.queueUrl,
    });

    // fauxqs has no StartMessageMoveTask, so this exercises the copy fallback.
    expect(result).toEqual({ method: "receive-send-delete", moved: bodies.length, failed: 0 });
    expect(await queueDepth(emulator.sqs, queues.deadLetterQueueUrl)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
    const back = [];
    for (;;) {
      const { Messages = [] } = await emulator.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.queueUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ["All"],
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      if (Messages.length === 0) break;
      back.push(...Messages);
    }
    expect(back.map((m) => m.Body).sort()).toEqual([...bodies].sort());
    for (const message of back) {
      // A fresh start: the redriven message gets all its retries again.
      expect(message.Attributes?.ApproximateReceiveCount).toBe("1");
      expect(message.MessageAttributes?.correlationId?.StringValue).toBe(`corr-${message.Body?.length}`);
      expect(message.MessageAttributes?.attempt).toMatchObject({ DataType: "Number", StringValue: "1" });
      expect([...(message.MessageAttributes?.raw?.BinaryValue ?? [])]).toEqual([1, 2, 3]);
    }
  });

  it("reports nothing moved when the dead-letter queue is empty", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "redrive-empty" });
    const result = await redriveDeadLetters(emulator.sqs, {
      source: queues.deadLetterQueueUrl,
      destination: queues.queueUrl,
    });
    expect(result.moved).toBe(0);
    expect((await queueDepth(emulator.sqs, queues.queueUrl)).visible).toBe(0);
  });
});
