import { type OrderMessage, orderMessageBody } from "@orders/contracts";
import { deadlines } from "@orders/settings";
import type { EnqueueOptions, OrderQueue } from "../../domain/ports";
import { DependencyUnavailableError } from "../../http/errors";
import { RETRY_AFTER_SECONDS } from "../../http/limits";
import { problemTypes } from "../../http/problem-types";
import { sqsConnectionFromEnv } from "./sqs-connection";
import { SqsSender } from "./sqs-sender";

/**
 * An SQS sender for the connection an environment describes (AWS_ENDPOINT_URL_SQS points it at the local
 * emulator); attempts, their time limit and the backoff come from @orders/settings. Nothing connects until
 * the first send.
 */
export function createSqsSender(env: Record<string, string | undefined> = process.env): SqsSender {
  return new SqsSender(sqsConnectionFromEnv(env));
}

/** Sends order messages to the orders queue, with the correlation id and schema version as attributes. */
export class SqsOrderQueue implements OrderQueue {
  constructor(
    private readonly sender: SqsSender,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: OrderMessage, options: EnqueueOptions = {}): Promise<void> {
    try {
      await this.sender.sendMessage(
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
    } catch (error) {
      // The sender already retried transient failures; whatever is left, the order was not accepted.
      throw new DependencyUnavailableError(
        problemTypes.queueUnavailable,
        "The order could not be queued and was not accepted.",
        RETRY_AFTER_SECONDS,
        { cause: error },
      );
    }
  }
}
