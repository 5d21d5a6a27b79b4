import { CreateQueueCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { orderFlow } from "@orders/settings";
import { queueArn } from "./queue-arn";

/** Dead letters are kept for the SQS maximum (14 days), so there is time to fix the cause and redrive. */
export const deadLetterRetentionSeconds = 14 * 24 * 60 * 60;

export interface OrderQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

export interface OrderQueueOptions {
  /** Queue name; the dead-letter queue is `<name>-dlq`. */
  name?: string;
  /** Defaults to orderFlow.visibilityTimeoutSeconds; tests shorten it to watch retries happen. */
  visibilityTimeoutSeconds?: number;
  /** Defaults to orderFlow.maxReceiveCount. */
  maxReceiveCount?: number;
}

/** The orders queue's attributes: what infra sets on the real queue, from the same settings. */
export function orderQueueAttributes(
  deadLetterTargetArn: string,
  options: Pick<OrderQueueOptions, "visibilityTimeoutSeconds" | "maxReceiveCount"> = {},
): Record<string, string> {
  return {
    VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? orderFlow.visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn,
      maxReceiveCount: options.maxReceiveCount ?? orderFlow.maxReceiveCount,
    }),
  };
}

/**
 * Creates the orders queue and its dead-letter queue with the redrive policy and visibility timeout of the
 * deployed ones. Idempotent (CreateQueue with the same attributes returns the existing queue).
 */
export async function createOrderQueues(
  sqs: SQSClient,
  options: OrderQueueOptions = {},
): Promise<OrderQueues> {
  const name = options.name ?? "orders";
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq`,
      Attributes: { MessageRetentionPeriod: String(deadLetterRetentionSeconds) },
    }),
  );
  if (!dlq.QueueUrl) throw new Error("CreateQueue returned no URL for the dead-letter queue");
  const deadLetterQueueArn = await queueArn(sqs, dlq.QueueUrl);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: orderQueueAttributes(deadLetterQueueArn, options),
    }),
  );
  if (!queue.QueueUrl) throw new Error("CreateQueue returned no URL for the orders queue");
  return {
    queueUrl: queue.QueueUrl,
    queueArn: await queueArn(sqs, queue.QueueUrl),
    deadLetterQueueUrl: dlq.QueueUrl,
    deadLetterQueueArn,
  };
}
