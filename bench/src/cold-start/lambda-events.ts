import { randomUUID } from "node:crypto";

/**
 * A minimal API Gateway HTTP API (payload v2) event, enough for Hono's Lambda adapter; with `claims`, as
 * the gateway hands on a request its JWT authorizer accepted.
 */
export function httpApiEvent(
  method: string,
  target: string,
  body?: unknown,
  claims?: Record<string, string>,
): Record<string, unknown> {
  const [path = "/", query = ""] = target.split("?");
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: query,
    headers: { host: "bench.local", "content-type": "application/json", "x-request-id": randomUUID() },
    requestContext: {
      accountId: "000000000000",
      apiId: "bench",
      domainName: "bench.local",
      domainPrefix: "bench",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
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
