import { randomUUID } from "node:crypto";
import { apiGatewayEvent } from "@orders/local-aws/testing";

/**
 * The testing kit's API Gateway HTTP API (payload v2) event with a JSON body; with `claims`, as the gateway
 * hands on a request its JWT authorizer accepted.
 */
export function httpApiEvent(
  method: string,
  target: string,
  body?: unknown,
  claims?: Record<string, string>,
) {
  return apiGatewayEvent(method, target, {
    headers: { "content-type": "application/json", "x-request-id": randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(claims ? { claims } : {}),
  });
}

/** An SQS event with one record carrying `body`, as the event-source mapping delivers it. */
export function sqsEvent(body: unknown, queueArn: string): Record<string, unknown> {
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: `bench-${randomUUID()}`,
        body: JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: now,
          SenderId: "bench",
          ApproximateFirstReceiveTimestamp: now,
        },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: "us-east-1",
      },
    ],
  };
}
