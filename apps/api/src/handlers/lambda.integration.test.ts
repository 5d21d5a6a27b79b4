import { randomUUID } from "node:crypto";
import { checkedLambda } from "@orders/contract-check";
import { parseOrderMessage } from "@orders/contracts";
import { apiGatewayEvent } from "@orders/local-aws/testing";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";

/**
 * The real Lambda entry point (lambda.ts), configured only through the environment as in AWS, invoked with
 * API Gateway HTTP API (payload v2) events. The harness provides the database and the SQS emulator.
 */
let h: ApiHarness;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

beforeAll(async () => {
  h = await startApiHarness();
  Object.assign(process.env, {
    ORDERS_QUEUE_URL: h.queue.queueUrl,
    DATABASE_URL: h.database.serviceUrl("api"),
    ...h.queue.local.env(),
    POWERTOOLS_LOG_LEVEL: "SILENT",
  });
  const lambda = (await import("./lambda")) as unknown as { handler: typeof handler };
  // Every result is held to the published document, as the gateway would hand it to a client.
  handler = checkedLambda(lambda.handler, apiContract);
});

afterAll(async () => {
  await h?.close();
});

const context = { awsRequestId: "lambda-req-1", functionName: "orders-api" } as Context;

async function invoke(
  method: string,
  path: string,
  init?: { body?: string; headers?: Record<string, string>; claims?: Record<string, string> },
) {
  const e = apiGatewayEvent(method, path, init);
  const requestId = e.requestContext.requestId;
  const result = (await handler(e, context)) as Exclude<APIGatewayProxyResultV2, string>;
  return { result, requestId, headers: (result.headers ?? {}) as Record<string, string> };
}

describe("Lambda handler (API Gateway v2 events)", () => {
  it("queues an order and answers 202, with the gateway request id as correlation id", async () => {
    const body = JSON.stringify({ customerId: "lambda-c", items: [{ sku: "HS-004", quantity: 3 }] });
    const { result, requestId, headers } = await invoke("POST", "/orders", {
      body,
      headers: { "content-type": "application/json", "idempotency-key": "k-1" },
      claims: { sub: "lambda-c" },
    });
    expect(result.statusCode).toBe(202);
    expect(headers["x-request-id"]).toBe(requestId);
    const { orderId } = JSON.parse(result.body ?? "{}") as { orderId: string };
    expect(headers.location).toBe(`/orders/${orderId}`);

    const [message] = await h.queue.receive();
    const parsed = parseOrderMessage(message?.Body ?? "");
    expect(parsed.ok && parsed.message).toMatchObject({
      orderId,
      customerId: "lambda-c",
      correlationId: requestId,
    });
  });

  it("reads a processed order (200) and answers 404 for one not processed", async () => {
    const id = randomUUID();
    await h.insertProcessedOrder({
      id,
      customerId: "lambda-c",
      status: "accepted",
      totalCents: 14_999,
      acceptedAt: new Date(),
      items: [{ sku: "HS-004", quantity: 1, unitPriceCents: 14_999 }],
    });
    const found = await invoke("GET", `/orders/${id}`, { claims: { sub: "lambda-c" } });
    expect(found.result.statusCode).toBe(200);
    expect(JSON.parse(found.result.body ?? "{}")).toMatchObject({ orderId: id, totalCents: 14_999 });

    const missing = await invoke("GET", `/orders/${randomUUID()}`, { claims: { sub: "lambda-c" } });
    expect(missing.result.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toBe("application/problem+json");
  });

  it("answers 400, 405, 413 and 415 as problem+json", async () => {
    const invalid = await invoke("POST", "/orders", {
      body: JSON.stringify({ customerId: "c", items: [] }),
      headers: { "content-type": "application/json" },
    });
    expect(invalid.result.statusCode).toBe(400);
    expect(JSON.parse(invalid.result.body ?? "{}").errors[0].pointer).toBe("/items");

    const wrongMethod = await invoke("PATCH", "/products");
    expect(wrongMethod.result.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("GET, HEAD");

    const big = await invoke("POST", "/orders", {
      body: "x".repeat(65 * 1024),
      headers: { "content-type": "application/json" },
    });
    expect(big.result.statusCode).toBe(413);

    const text = await invoke("POST", "/orders", {
      body: "hello",
      headers: { "content-type": "text/plain" },
    });
    expect(text.result.statusCode).toBe(415);
    for (const r of [invalid, wrongMethod, big, text]) {
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(r.headers["x-request-id"]).toBe(r.requestId);
    }
  });

  it("serves the catalogue through the same container (one database client reused)", async () => {
    const first = await invoke("GET", "/products");
    const second = await invoke("GET", "/products");
    expect(first.result.statusCode).toBe(200);
    expect(second.result.body).toBe(first.result.body);
    expect((JSON.parse(first.result.body ?? "{}") as { products: unknown[] }).products).toHaveLength(12);
  });
});
