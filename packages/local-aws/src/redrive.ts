import {
  DeleteMessageBatchCommand,
  ListMessageMoveTasksCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { queueArn } from "./queue-arn";

export interface RedriveOptions {
  /** URL of the dead-letter queue to empty. */
  source: string;
  /** URL of the queue to move its messages to (the orders queue). */
  destination: string;
  /** How long to wait for an SQS move task to finish (default 15 minutes). */
  taskTimeoutMs?: number;
}

export interface RedriveResult {
  /** `message-move-task` on AWS; `receive-send-delete` where the API is missing (fauxqs has none). */
  method: "message-move-task" | "receive-send-delete";
  moved: number;
  /** Messages that could not be sent; they stay on the source queue and show up again. */
  failed: number;
}

/** Error names SQS-compatible servers use for an action they do not implement. */
const UNSUPPORTED_ACTION = new Set(["InvalidAction", "UnsupportedOperation", "UnknownOperationException"]);

/**
 * Moves every message of a dead-letter queue back to a queue, once the cause of the failures is fixed.
 * On AWS this is SQS's own StartMessageMoveTask (the console's "redrive"), which keeps bodies and attributes.
 * fauxqs answers that action with `InvalidAction`, so there the same result comes from receive → send
 * (body and message attributes copied) → delete; the worker is idempotent on the order id, so the
 * at-least-once copy is safe.
 */
export async function redriveDeadLetters(sqs: SQSClient, options: RedriveOptions): Promise<RedriveResult> {
  const sourceArn = await queueArn(sqs, options.source);
  const destinationArn = await queueArn(sqs, options.destination);
  try {
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
  } catch (error) {
    if (error instanceof Error && UNSUPPORTED_ACTION.has(error.name)) {
      return await copyMessages(sqs, options.source, options.destination);
    }
    throw error;
  }
  return await awaitMoveTask(sqs, sourceArn, options.taskTimeoutMs ?? 15 * 60_000);
}

async function awaitMoveTask(sqs: SQSClient, sourceArn: string, timeoutMs: number): Promise<RedriveResult> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Results } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
    );
    const task = Results?.[0];
    if (task && task.Status !== "RUNNING") {
      if (task.Status !== "COMPLETED") {
        throw new Error(`message move task ended ${task.Status}: ${task.FailureReason ?? "no reason given"}`);
      }
      return { method: "message-move-task", moved: task.ApproximateNumberOfMessagesMoved ?? 0, failed: 0 };
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`message move task from ${sourceArn} still running after ${timeoutMs} ms`);
}

/** Long enough for one receive → send → delete round, so a message is not received twice meanwhile. */
const COPY_VISIBILITY_SECONDS = 60;

async function copyMessages(sqs: SQSClient, source: string, destination: string): Promise<RedriveResult> {
  let moved = 0;
  let failed = 0;
  for (;;) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: source,
        MaxNumberOfMessages: 10,
        // A long poll, so an empty answer means the queue is empty rather than "this server had none".
        WaitTimeSeconds: 1,
        VisibilityTimeout: COPY_VISIBILITY_SECONDS,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["AWSTraceHeader"],
      }),
    );
    if (!Messages || Messages.length === 0) break;
    const { Successful, Failed } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: destination,
        Entries: Messages.map((message, index) => copyEntry(message, String(index))),
      }),
    );
    failed += Failed?.length ?? 0;
    const sent = (Successful ?? []).map((entry) => Messages[Number(entry.Id)] as Message);
    if (sent.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: source,
          Entries: sent.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    moved += sent.length;
    // Every message of this receive failed to send: stop instead of spinning on the same ones.
    if (sent.length === 0) break;
  }
  return { method: "receive-send-delete", moved, failed };
}

function copyEntry(message: Message, id: string) {
  const trace = message.Attributes?.AWSTraceHeader;
  return {
    Id: id,
    MessageBody: message.Body ?? "",
    MessageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        sendableAttribute(value),
      ]),
    ),
    ...(trace
      ? { MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: trace } } }
      : {}),
  };
}

/** Received attributes carry list fields SQS rejects on send; keep the ones it accepts. */
function sendableAttribute(value: MessageAttributeValue): MessageAttributeValue {
  return {
    DataType: value.DataType,
    ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { BinaryValue: value.BinaryValue } : {}),
  };
}
