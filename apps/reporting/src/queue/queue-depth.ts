import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** Approximate message counts of one SQS queue (SQS counts are eventually consistent by design). */
export interface QueueDepth {
  /** Waiting to be received. */
  visible: number;
  /** Received by a consumer and not yet deleted (being processed, or about to be retried). */
  inFlight: number;
  /** Sent with a delay that has not yet elapsed. */
  delayed: number;
}

/** The orders queue and its dead-letter queue, as the dashboard shows them. */
export interface QueueDepths {
  orders: QueueDepth;
  deadLetter: QueueDepth;
}

export interface QueueUrls {
  orders: string;
  deadLetter: string;
}

/** Reads both queues' depths (two GetQueueAttributes calls, in parallel). */
export async function readQueueDepths(sqs: SQSClient, urls: QueueUrls): Promise<QueueDepths> {
  const [orders, deadLetter] = await Promise.all([
    readQueueDepth(sqs, urls.orders),
    readQueueDepth(sqs, urls.deadLetter),
  ]);
  return { orders, deadLetter };
}

/** One queue's depth from GetQueueAttributes. */
export async function readQueueDepth(sqs: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const { Attributes: attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ],
    }),
  );
  return {
    visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}
