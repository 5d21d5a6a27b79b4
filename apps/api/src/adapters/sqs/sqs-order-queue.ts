import { type Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { type OrderMessage, orderMessageBody } from "@orders/contracts";
import { deadlines } from "@orders/settings";
import { QueueUnavailableError } from "../../domain/errors";
import type { EnqueueOptions, OrderQueue } from "../../domain/ports";
import { sqsConnectionFromEnv } from "./sqs-connection";
import { SqsSendError, SqsSender } from "./sqs-sender";

/**
 * An SQS sender for the connection an environment describes (AWS_ENDPOINT_URL_SQS points it at the local
 * emulator); attempts, their time limit and the backoff come from @orders/settings. Nothing connects until
 * the first send.
 */
export function createSqsSender(env: Record<string, string | undefined> = process.env): SqsSender {
  return new SqsSender(sqsConnectionFromEnv(env));
}

/**
 * Sends order messages to the orders queue, with the correlation id and schema version as attributes, and
 * counts what happened as metrics (names are the CloudWatch metric names): `OrdersQueued`,
 * `QueueUnavailable` (the order was not accepted) and `SqsSendRetries` (attempts beyond the first, whatever
 * the outcome). Recording a metric is an in-memory add; the handler prints them after the answer is built.
 */
export class SqsOrderQueue implements OrderQueue {
  constructor(
    private readonly sender: SqsSender,
    private readonly queueUrl: string,
    private readonly metrics?: Pick<Metrics, "addMetric">,
  ) {}

  async enqueue(message: OrderMessage, options: EnqueueOptions = {}): Promise<void> {
    try {
      const sent = await this.sender.sendMessage(
        {
          queueUrl: this.queueUrl,
          body: orderMessageBody(message),
          attributes: {
            correlationId: { dataType: "String", value: message.correlationId },
            schemaVersion: { dataType: "Number", value: String(message.schemaVersion) },
          },
        },
        // Without a deadline from the caller, the request's own: a silent queue costs seconds, not minutes.
        { ...options, deadline: options.deadline ?? Date.now() + deadlines.apiQueueSendMs },
      );
      this.metrics?.addMetric("OrdersQueued", MetricUnit.Count, 1);
      this.metrics?.addMetric("SqsSendRetries", MetricUnit.Count, sent.attempts - 1);
    } catch (error) {
      // The sender already retried transient failures; whatever is left, the order was not accepted.
      this.metrics?.addMetric("QueueUnavailable", MetricUnit.Count, 1);
      const attempts = error instanceof SqsSendError ? error.attempts : 1;
      this.metrics?.addMetric("SqsSendRetries", MetricUnit.Count, attempts - 1);
      throw new QueueUnavailableError({ cause: error });
    }
  }
}
