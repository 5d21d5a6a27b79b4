import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** Approximate message counts of one SQS queue (SQS counts are eventually consistent by design). */
export interface QueueDepth {
  /** Waiting to be received. */
  visible: number;
  /** Received by a consumer and not yet deleted (being processed, or waiting out a visibility timeout). */
  inFlight: number;
  /** Sent with a delay that has not yet elapsed. */
  delayed: number;
}

/**
 * One queue's depth from GetQueueAttributes.
 *
 * @example
 * const { visible, inFlight } = await readQueueDepth(sqs, process.env.ORDERS_DLQ_URL);
 */
export async function readQueueDepth(
  sqs: SQSClient,
  queueUrl: string,
  /** Aborts the call, retries included (e.g. `AbortSignal.timeout(deadline)`). */
  options: { signal?: AbortSignal } = {},
): Promise<QueueDepth> {
  const { Attributes: attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ],
    }),
    options.signal ? { abortSignal: options.signal } : {},
  );
  return {
    visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}
