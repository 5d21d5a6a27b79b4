import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { createOrderQueues } from "./order-queues";
import { useLocalSqs } from "./testing/use-local-sqs";

const emulator = useLocalSqs();

describe("createOrderQueues", () => {
  it("gives the orders queue the deployed visibility timeout and redrive policy", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "attrs" });
    const { Attributes } = await emulator.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["All"] }),
    );
    expect(Number(Attributes?.VisibilityTimeout)).toBe(orderFlow.visibilityTimeoutSeconds);
    const policy = JSON.parse(Attributes?.RedrivePolicy ?? "{}");
    expect(policy.deadLetterTargetArn).toBe(queues.deadLetterQueueArn);
    expect(Number(policy.maxReceiveCount)).toBe(orderFlow.maxReceiveCount);
    expect(queues.deadLetterQueueArn).toMatch(/:attrs-dlq$/);
  });

  it("moves a message to the dead-letter queue after exactly maxReceiveCount receives", async () => {
    const queues = await createOrderQueues(emulator.sqs, { name: "poison" });
    await emulator.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: "poison-pill" }),
    );

    const receiveCounts: number[] = [];
    for (let attempt = 0; attempt < orderFlow.maxReceiveCount + 1; attempt++) {
      const { Messages = [] } = await emulator.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.queueUrl,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      for (const message of Messages) {
        receiveCounts.push(Number(message.Attributes?.ApproximateReceiveCount));
        // A failed attempt, made visible at once instead of waiting out the 181 s visibility timeout.
        await emulator.sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queues.queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      }
    }

    expect(receiveCounts).toEqual(Array.from({ length: orderFlow.maxReceiveCount }, (_, i) => i + 1));
    const { Messages: dead = [] } = await emulator.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, WaitTimeSeconds: 1 }),
    );
    expect(dead.map((m) => m.Body)).toEqual(["poison-pill"]);
  });
});
