import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface GatewayRequest {
  body?: string;
  headers?: Record<string, string>;
  /** Claims of the token API Gateway's JWT authorizer accepted (a protected route); none on public ones. */
  claims?: Record<string, string>;
}

/**
 * An API Gateway HTTP API (payload format 2.0) event, as the gateway hands it to the Lambda; a query in
 * `target` fills `rawQueryString` and `queryStringParameters`.
 *
 * @example
 * apiGatewayEvent("GET", "/reports/daily-sales?from=2026-11-01&to=2026-11-30", { claims: { sub: "s-1" } });
 */
export function apiGatewayEvent(
  method: string,
  target: string,
  init: GatewayRequest = {},
): APIGatewayProxyEventV2 {
  const [path = "/", query = ""] = target.split("?");
  const parameters = Object.fromEntries(new URLSearchParams(query));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: query,
    ...(query === "" ? {} : { queryStringParameters: parameters }),
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
      ...(init.claims ? { authorizer: { jwt: { claims: init.claims, scopes: [] } } } : {}),
    },
    isBase64Encoded: false,
    ...(init.body === undefined ? {} : { body: init.body }),
  };
}
