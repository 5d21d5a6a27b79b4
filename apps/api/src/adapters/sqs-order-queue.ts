import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { OrderMessage } from "@orders/contracts";
import { DependencyUnavailableError } from "../errors";
import { RETRY_AFTER_SECONDS } from "../limits";
import type { OrderQueue } from "../ports";
import { problemTypes } from "../problem-types";

/**
 * The SQS client of the API, created once per container. Endpoint, region and credentials come from the
 * environment (AWS_ENDPOINT_URL_SQS points it at the local emulator). Short socket timeouts: a client is
 * waiting, and a 503 it can retry beats an API Gateway timeout after 29 s.
 */
export function createSqsClient(): SQSClient {
  return new SQSClient({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 } });
}

/** Sends order messages to the orders queue, with the correlation id and schema version as attributes. */
export class SqsOrderQueue implements OrderQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: OrderMessage): Promise<void> {
    try {
      await this.client.send(
        new SendMessageCommand({
          QueueUrl: this.queueUrl,
          MessageBody: JSON.stringify(message),
          MessageAttributes: {
            correlationId: { DataType: "String", StringValue: message.correlationId },
            schemaVersion: { DataType: "Number", StringValue: String(message.schemaVersion) },
          },
        }),
      );
    } catch (error) {
      // The SDK already retried transient failures; whatever is left, the order was not accepted.
      throw new DependencyUnavailableError(
        problemTypes.queueUnavailable,
        "The order could not be queued and was not accepted.",
        RETRY_AFTER_SECONDS,
        { cause: error },
      );
    }
  }
}
