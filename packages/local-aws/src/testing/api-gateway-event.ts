import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface GatewayRequest {
  body?: string;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (payload format 2.0) event, as the gateway hands it to the Lambda. */
export function apiGatewayEvent(
  method: string,
  path: string,
  init: GatewayRequest = {},
): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.test", ...init.headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "orders-test" },
      requestId: `gw-${randomUUID()}`,
      routeKey: "$default",
      stage: "$default",
      time: "28/Nov/2026:09:00:00 +0000",
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(init.body === undefined ? {} : { body: init.body }),
  };
}
