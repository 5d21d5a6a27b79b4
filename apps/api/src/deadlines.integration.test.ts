import { randomUUID } from "node:crypto";
import { seedDemoCatalogue } from "@orders/db";
import { PROBLEM_CONTENT_TYPE, type ServiceEnv } from "@orders/http-kit";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { type FreezeRelay, startFreezeRelayInFront } from "@orders/local-postgres/testing";
import { deadlines } from "@orders/settings";
import type { Hono } from "hono";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDbReaders } from "./adapters/db-readers";
import type { DbReaders } from "./adapters/db-readers-on-first-use";
import { createSqsSender, SqsOrderQueue } from "./adapters/sqs/sqs-order-queue";
import { checkedApp } from "./testing/api-contract";
import { type LocalQueue, startLocalQueue } from "./testing/local-queue";

let database: TestDatabase;
let queue: LocalQueue;
let dbRelay: FreezeRelay;
let sqsRelay: FreezeRelay;
let readers: DbReaders;
let app: Hono<ServiceEnv>;

beforeAll(async () => {
  database = await createTestDatabase("api-deadlines");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin.end();
  queue = await startLocalQueue();
  // Relays that can go silent between the API and each of its dependencies.
  const db = await startFreezeRelayInFront(database.serviceUrl("api"));
  const sqs = await startFreezeRelayInFront(queue.local.env().AWS_ENDPOINT_URL_SQS as string);
  dbRelay = db.relay;
  sqsRelay = sqs.relay;
  const sender = createSqsSender({ ...queue.local.env(), AWS_ENDPOINT_URL_SQS: sqs.url });
  // The runtime's own readers: the read deadline is theirs, not the test's.
  readers = createDbReaders({ kind: "url", url: db.url });
  app = checkedApp({
    queue: new SqsOrderQueue(sender, queue.queueUrl),
    orders: readers.orders,
    products: readers.products,
    logger: silentLogger(),
  });
});

afterEach(() => {
  dbRelay.thaw();
  sqsRelay.thaw();
});

afterAll(async () => {
  await readers?.close();
  await dbRelay?.stop();
  await sqsRelay?.stop();
  await queue?.stop();
  await database?.drop();
});

/** The caller every order request comes from: API Gateway has verified its token. */
const customer = signedInAs("c-1");

async function postOrder(options: { keyed: boolean } = { keyed: true }): Promise<Response> {
  return await app.request(
    "/orders",
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(options.keyed ? { "Idempotency-Key": randomUUID() } : {}),
      },
      body: JSON.stringify({ customerId: "c-1", currency: "EUR", items: [{ sku: "KB-001", quantity: 1 }] }),
    },
    customer,
  );
}

/** Sends a request and measures how long its answer took. */
async function timed(request: () => Response | Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await request();
  return { res, ms: performance.now() - started };
}

/** A 503 problem+json of this kind, with Retry-After, within `deadlineMs` plus the slack. */
async function expectUnavailable(answer: { res: Response; ms: number }, slug: string, deadlineMs: number) {
  expect(answer.res.status).toBe(503);
  expect(answer.res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  expect(Number(answer.res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await answer.res.json()) as { type: string }).type).toMatch(new RegExp(`problem-${slug}$`));
  expect(answer.ms).toBeLessThan(deadlineMs + deadlines.answerSlackMs);
}

describe("with the database gone silent", () => {
  it("answers reads 503 within the read deadline, keeps accepting orders, and recovers on one connection", async () => {
    expect((await app.request("/products")).status).toBe(200);
    dbRelay.freeze();
    const [products, order] = await Promise.all([
      timed(() => app.request("/products")),
      timed(() => app.request(`/orders/${randomUUID()}`, {}, customer)),
    ]);
    await expectUnavailable(products, "database-unavailable", deadlines.apiDatabaseReadMs);
    await expectUnavailable(order, "database-unavailable", deadlines.apiDatabaseReadMs);
    // Accepting an order never needs the database: without a key it never asks, and a keyed order's lookup
    // (is the key already used with another body?) gives up after its own short deadline.
    const unkeyed = await timed(() => postOrder({ keyed: false }));
    expect(unkeyed.res.status).toBe(202);
    expect(unkeyed.ms).toBeLessThan(1_000);
    const keyed = await timed(postOrder);
    expect(keyed.res.status).toBe(202);
    expect(keyed.ms).toBeLessThan(deadlines.apiIdempotencyLookupMs + 1_000);

    dbRelay.thaw();
    expect((await app.request("/products")).status).toBe(200);
    expect((await app.request(`/orders/${randomUUID()}`, {}, customer)).status).toBe(404);
    await expect.poll(() => dbRelay.openConnections).toBe(1);
  });
});

describe("with the queue endpoint gone silent", () => {
  it("answers POST /orders 503 within the send deadline, then accepts again after the thaw", async () => {
    expect((await postOrder()).status).toBe(202);
    sqsRelay.freeze();
    await expectUnavailable(await timed(postOrder), "queue-unavailable", deadlines.apiQueueSendMs);
    // Reads need only the database.
    expect((await app.request("/products")).status).toBe(200);

    sqsRelay.thaw();
    expect((await postOrder()).status).toBe(202);
  });
});
