import { checkedLambda } from "@orders/contract-check";
import { parseOrderMessage } from "@orders/contracts";
import { apiGatewayEvent, captureEmf, type EmfCapture } from "@orders/local-aws/testing";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import { type FaultySqsRelay, startFaultySqsRelay } from "../testing/faulty-sqs-relay";

/**
 * The real Lambda entry point with its SQS endpoint behind the faulty relay, so the test sees the requests
 * that leave the api (the emulator keeps no trace header), and with metrics on, so it reads the EMF lines
 * the invocation prints. Each invocation gets its own `_X_AMZN_TRACE_ID`, as Lambda sets it.
 */
let h: ApiHarness;
let relay: FaultySqsRelay;
let emf: EmfCapture;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

beforeAll(async () => {
  h = await startApiHarness();
  relay = await startFaultySqsRelay(h.queue.local.endpoint);
  // Before the import: the handler's Metrics read POWERTOOLS_METRICS_DISABLED when they are created.
  emf = captureEmf();
  Object.assign(process.env, {
    ORDERS_QUEUE_URL: h.queue.queueUrl,
    DATABASE_URL: h.database.serviceUrl("api"),
    ...h.queue.local.env(),
    AWS_ENDPOINT_URL_SQS: relay.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: "orders-api-test",
    POWERTOOLS_SERVICE_NAME: "api",
    POWERTOOLS_METRICS_NAMESPACE: "OrdersTest",
    POWERTOOLS_LOG_LEVEL: "INFO",
  });
  const lambda = (await import("./lambda")) as unknown as { handler: typeof handler };
  // Every result is held to the published document, as the gateway would hand it to a client.
  handler = checkedLambda(lambda.handler, apiContract);
});

afterAll(async () => {
  emf?.restore();
  delete process.env._X_AMZN_TRACE_ID;
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  await relay?.stop();
  await h?.close();
});

beforeEach(async () => {
  relay.reset();
  await h.queue.drain();
});

const context = { awsRequestId: "lambda-req-1", functionName: "orders-api-test" } as Context;

/** One invocation, under its own trace as Lambda runs it. */
async function post(trace: string, requestId: string) {
  process.env._X_AMZN_TRACE_ID = trace;
  const before = { sets: emf.sets().length, logs: emf.logs().length };
  const result = (await handler(
    apiGatewayEvent("POST", "/orders", {
      body: JSON.stringify({ items: [{ sku: "HS-004", quantity: 1 }] }),
      headers: { "content-type": "application/json", "x-request-id": requestId },
      claims: { sub: "traced-customer" },
    }),
    context,
  )) as Exclude<APIGatewayProxyResultV2, string>;
  const sets = emf.sets().slice(before.sets);
  const values = (metric: string) => sets.flatMap((set) => set.values[metric] ?? []);
  return { result, values, sets, logs: emf.logs().slice(before.logs) };
}

const traceHeader = (root: string) => `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`;

describe("the api Lambda, traced and measured", () => {
  it("passes the invocation's trace header to SQS and logs the order with its ids and trace", async () => {
    const root = "1-6753a1b2-aaaaaaaaaaaaaaaaaaaaaaaa";
    const { result, values, sets, logs } = await post(traceHeader(root), "trace-req-1");
    expect(result.statusCode).toBe(202);
    const { orderId } = JSON.parse(result.body ?? "{}") as { orderId: string };

    expect(relay.seen.map((request) => request.headers["x-amzn-trace-id"])).toEqual([traceHeader(root)]);
    const [message] = await h.queue.receive();
    const parsed = parseOrderMessage(message?.Body ?? "");
    expect(parsed.ok && parsed.message).toMatchObject({ orderId, correlationId: "trace-req-1" });

    expect(logs.find((line) => line.message === "order queued")).toMatchObject({
      orderId,
      correlation_id: "trace-req-1",
      xray_trace_id: root,
      service: "api",
    });
    expect(values("OrdersQueued")).toEqual([1]);
    expect(values("SqsSendRetries")).toEqual([0]);
    expect(values("QueueUnavailable")).toEqual([]);
    expect(sets.every((set) => set.namespace === "OrdersTest" && set.dimensions.service === "api")).toBe(
      true,
    );
  });

  it("sends each invocation's own trace, on every attempt, and counts the retries", async () => {
    const root = "1-6753a1b3-bbbbbbbbbbbbbbbbbbbbbbbb";
    relay.plan("throttle");
    const { result, values } = await post(traceHeader(root), "trace-req-2");
    expect(result.statusCode).toBe(202);
    expect(relay.seen.map((request) => request.headers["x-amzn-trace-id"])).toEqual([
      traceHeader(root),
      traceHeader(root),
    ]);
    expect(values("OrdersQueued")).toEqual([1]);
    expect(values("SqsSendRetries")).toEqual([1]);
  });

  it("counts a 503 because the queue was unavailable", async () => {
    relay.plan(500, 500, 500, 500, 500, 500, 500, 500);
    const { result, values } = await post(traceHeader("1-6753a1b4-cccccccccccccccccccccccc"), "trace-req-3");
    expect(result.statusCode).toBe(503);
    expect(values("QueueUnavailable")).toEqual([1]);
    expect(values("SqsSendRetries")).toEqual([relay.seen.length - 1]);
    expect(values("OrdersQueued")).toEqual([]);
  });

  it("prints no metrics for an invocation that recorded none", async () => {
    const before = emf.sets().length;
    const health = (await handler(apiGatewayEvent("GET", "/health"), context)) as Exclude<
      APIGatewayProxyResultV2,
      string
    >;
    expect(health.statusCode).toBe(200);
    expect(emf.sets().length).toBe(before);
  });
});
