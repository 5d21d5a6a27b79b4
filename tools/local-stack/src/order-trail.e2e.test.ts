import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { localSqsClient } from "@orders/local-aws";
import { signInWithPassword } from "@orders/local-identity";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalStack } from "./local-stack";
import { startTestStack, type TestStack } from "./testing/test-stack";

/**
 * What someone following one order sees in `npm start`'s output: the api's line and the worker's line for
 * it, both naming the order id and the request's X-Request-Id. The same fields are what the CloudWatch Logs
 * Insights query of docs/deploy.md filters on.
 */
let stack: LocalStack;
let output: string[] = [];
let testStack: TestStack | undefined;

beforeAll(async () => {
  testStack = await startTestStack("stack_trail");
  ({ stack, output } = testStack);
});

afterAll(async () => {
  await testStack?.stop();
});

/** The JSON log lines one service printed (`<service> | {...}`). */
function logsOf(service: string): Record<string, unknown>[] {
  return output.flatMap((line) => {
    const [prefix, ...rest] = line.split("|");
    const json = rest.join("|").trim();
    if (prefix?.trim() !== service || !json.startsWith("{")) return [];
    try {
      return [JSON.parse(json) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

async function customerToken(): Promise<string> {
  const customer = stack.demoUsers.find((user) => !user.staff);
  const signedIn = await signInWithPassword({
    issuer: stack.identity.issuer,
    clientId: stack.identity.clientId,
    username: String(customer?.subject),
    password: String(customer?.password),
  });
  return signedIn.accessToken;
}

async function post(sku: string, requestId: string): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/orders`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await customerToken()}`,
      "content-type": "application/json",
      "x-request-id": requestId,
    },
    body: JSON.stringify({ items: [{ sku, quantity: 1 }] }),
  });
  expect(response.status).toBe(202);
  expect(response.headers.get("x-request-id")).toBe(requestId);
  return ((await response.json()) as { orderId: string }).orderId;
}

/** Waits for the worker's line about an order, then returns it. */
async function workerLineAbout(orderId: string): Promise<Record<string, unknown>> {
  await vi.waitFor(() => expect(logsOf("worker").map((line) => line.orderId)).toContain(orderId), {
    timeout: 60_000,
    interval: 200,
  });
  return logsOf("worker").find((line) => line.orderId === orderId) ?? {};
}

describe("one order, one id, everywhere (npm start)", () => {
  it("an accepted order: the api's 202 and the worker's commit name the order and the X-Request-Id", async () => {
    const requestId = `trail-accepted-${randomUUID()}`;
    const orderId = await post("KB-001", requestId);
    expect(logsOf("api").find((line) => line.message === "order queued")).toBeDefined();
    expect(logsOf("api").filter((line) => line.orderId === orderId)).toEqual([
      expect.objectContaining({ message: "order queued", correlation_id: requestId }),
    ]);
    expect(await workerLineAbout(orderId)).toMatchObject({
      message: "order accepted",
      outcome: "accepted",
      correlation_id: requestId,
      service: "order-worker",
      ageMs: expect.any(Number),
    });
  });

  it("a rejected order: the worker's line gives the reason", async () => {
    const requestId = `trail-rejected-${randomUUID()}`;
    const orderId = await post("SS-012", requestId);
    expect(await workerLineAbout(orderId)).toMatchObject({
      message: "order rejected",
      outcome: "rejected",
      correlation_id: requestId,
      reason: "insufficient_stock:SS-012",
    });
  });

  it("an order the worker can never process: each failed receive names it and its request", async () => {
    // The api never queues such a body; a bug could. Sent as the api sends: the correlation id as attribute.
    const orderId = randomUUID();
    const requestId = `trail-poison-${randomUUID()}`;
    const sqs = localSqsClient(stack.sqsEndpoint);
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues.queueUrl,
          MessageBody: JSON.stringify({ schemaVersion: 1, orderId, correlationId: requestId, items: "none" }),
          MessageAttributes: { correlationId: { DataType: "String", StringValue: requestId } },
        }),
      );
    } finally {
      sqs.destroy();
    }
    expect(await workerLineAbout(orderId)).toMatchObject({
      level: "ERROR",
      message: "order failed: SQS delivers it again",
      outcome: "failed",
      correlation_id: requestId,
      retryable: false,
      deadLetter: false,
      receiveCount: 1,
    });
  });

  it("prints the api's, the worker's and the rollup's metrics as EMF lines", async () => {
    const emf = (service: string) =>
      logsOf(service).filter((line) => typeof line._aws === "object" && line._aws !== null);
    await vi.waitFor(() => expect(emf("worker").some((line) => "OrdersAccepted" in line)).toBe(true), {
      timeout: 30_000,
      interval: 200,
    });
    expect(emf("api").some((line) => line.OrdersQueued === 1 && line.SqsSendRetries === 0)).toBe(true);
    expect(emf("worker").some((line) => "OrderAgeAtCommit" in line && "BatchDatabaseTime" in line)).toBe(
      true,
    );
    expect(emf("worker").some((line) => line.RejectionReason === "insufficient_stock")).toBe(true);
    // Reporting rolls up once at start.
    await vi.waitFor(() => expect(emf("reporting").some((line) => "DaysRebuilt" in line)).toBe(true), {
      timeout: 30_000,
      interval: 200,
    });
    expect(emf("reporting").find((line) => "DaysRebuilt" in line)).toMatchObject({
      DaysRebuilt: 2,
      RollupDuration: expect.any(Number),
    });
  });
});
