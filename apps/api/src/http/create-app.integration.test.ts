import { randomUUID } from "node:crypto";
import { parseOrderMessage } from "@orders/contracts";
import { createDb } from "@orders/db-client";
import { PROBLEM_CONTENT_TYPE, type Problem as ProblemOf } from "@orders/http-kit";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { findFreePort } from "@orders/local-postgres";
import { catalogueCache } from "@orders/settings";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DbOrderReader } from "../adapters/db-order-reader";
import { DbProductReader } from "../adapters/db-product-reader";
import { createSqsSender, SqsOrderQueue } from "../adapters/sqs/sqs-order-queue";
import type { OrderView } from "../domain/order-view";
import { checkedApp } from "../testing/api-contract";
import { type ApiHarness, appWithRefusedDatabase, startApiHarness } from "../testing/api-harness";
import { startFaultySqsRelay } from "../testing/faulty-sqs-relay";

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await h.queue.drain();
});

const validOrder = { customerId: "cust-42", items: [{ sku: "KB-001", quantity: 2 }], currency: "EUR" };

/** Signed in as the body's customer (or cust-42), as the gateway's authorizer would have it. */
function post(body: unknown, headers: Record<string, string> = {}) {
  const customer = (body as { customerId?: unknown } | null)?.customerId;
  return h.app.request(
    "/orders",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    },
    signedInAs(typeof customer === "string" && customer !== "" ? customer : "cust-42"),
  );
}

/** What the API writes: the package's problem document plus the request id. */
type Problem = ProblemOf<{ requestId: string }>;
type FieldErrorJson = Problem["errors"] extends (infer E)[] | undefined ? E : never;

interface Accepted {
  orderId: string;
  status: string;
}

async function readJson<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function expectProblem(
  res: Response,
  status: number,
  slug: string,
): Promise<Problem & { errors: FieldErrorJson[] }> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  const problem = await readJson<Problem & { errors: FieldErrorJson[] }>(res);
  expect(problem).toMatchObject({ type: `/docs#problem-${slug}`, status, title: expect.any(String) });
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.requestId).toBe(res.headers.get("x-request-id"));
  return problem;
}

describe("POST /orders", () => {
  it("answers 202 only with the message on the queue, as a valid v1 order message", async () => {
    const res = await post(validOrder, { "X-Request-Id": "trace-abc.1" });
    expect(res.status).toBe(202);
    const body = await readJson<Accepted>(res);
    expect(body).toEqual({ orderId: expect.any(String), status: "queued" });
    expect(res.headers.get("location")).toBe(`/orders/${body.orderId}`);
    expect(res.headers.get("x-request-id")).toBe("trace-abc.1");

    const messages = await h.queue.receive();
    expect(messages).toHaveLength(1);
    const parsed = parseOrderMessage(messages[0]?.Body ?? "");
    expect(parsed).toEqual({
      ok: true,
      message: {
        schemaVersion: 1,
        orderId: body.orderId,
        customerId: "cust-42",
        currency: "EUR",
        items: [{ sku: "KB-001", quantity: 2 }],
        acceptedAt: expect.any(String),
        correlationId: "trace-abc.1",
      },
    });
    const attributes = messages[0]?.MessageAttributes;
    expect(attributes?.correlationId?.StringValue).toBe("trace-abc.1");
    expect(attributes?.schemaVersion).toMatchObject({ DataType: "Number", StringValue: "1" });
  });

  it("defaults the currency to USD and accepts a JSON content type with parameters", async () => {
    const res = await post(
      { customerId: "c", items: [{ sku: "MS-002", quantity: 1 }] },
      { "Content-Type": "application/json; charset=utf-8" },
    );
    expect(res.status).toBe(202);
    const [message] = await h.queue.receive();
    const parsed = parseOrderMessage(message?.Body ?? "");
    expect(parsed.ok && parsed.message.currency).toBe("USD");
  });

  it("gives the same order id to the same customer and Idempotency-Key, a new one otherwise", async () => {
    const first = await readJson<Accepted>(await post(validOrder, { "Idempotency-Key": "checkout-1" }));
    const retry = await readJson<Accepted>(await post(validOrder, { "Idempotency-Key": "checkout-1" }));
    const otherKey = await readJson<Accepted>(await post(validOrder, { "Idempotency-Key": "checkout-2" }));
    const otherCustomer = await readJson<Accepted>(
      await post({ ...validOrder, customerId: "cust-43" }, { "Idempotency-Key": "checkout-1" }),
    );
    expect(retry.orderId).toBe(first.orderId);
    expect(new Set([first.orderId, otherKey.orderId, otherCustomer.orderId]).size).toBe(3);

    const unkeyed = await Promise.all([post(validOrder), post(validOrder)]);
    const ids = await Promise.all(unkeyed.map(async (res) => (await readJson<Accepted>(res)).orderId));
    expect(ids[0]).not.toBe(ids[1]);
    // Both retries of the keyed request reached the queue with the same id: the worker writes it once.
    const queued = (await h.queue.receive()).map((m) => (JSON.parse(m.Body ?? "{}") as Accepted).orderId);
    expect(queued.filter((id) => id === first.orderId)).toHaveLength(2);
  });

  it("answers 422 to another body under a key whose order is stored; the same body still gets 202", async () => {
    const key = { "Idempotency-Key": "cart-reuse-1" };
    const first = { customerId: "cust-reuse", items: [{ sku: "KB-001", quantity: 2 }], currency: "USD" };
    const changed = [
      { ...first, items: [{ sku: "KB-001", quantity: 3 }] },
      { ...first, items: [...first.items, { sku: "LE-011", quantity: 1 }] },
      { ...first, currency: "EUR" },
    ];
    const { orderId } = await readJson<Accepted>(await post(first, key));
    // Before the worker has stored it the API cannot tell (documented): the same id, and one of the two is kept.
    expect((await readJson<Accepted>(await post(changed[0], key))).orderId).toBe(orderId);
    await h.queue.drain();

    await h.insertProcessedOrder({
      id: orderId,
      customerId: "cust-reuse",
      status: "accepted",
      totalCents: 17_998,
      acceptedAt: new Date(),
      items: [{ sku: "KB-001", quantity: 2, unitPriceCents: 8_999 }],
    });
    for (const body of changed) {
      const problem = await expectProblem(await post(body, key), 422, "idempotency-key-reused");
      expect(problem.detail).toContain(orderId);
    }
    expect(await h.queue.receive(10, 0)).toEqual([]);
    const retry = await post({ ...first, items: [{ quantity: 2, sku: "KB-001" }] }, key);
    expect(retry.status).toBe(202);
    expect((await readJson<Accepted>(retry)).orderId).toBe(orderId);
    // Another customer's order under the same key is its own order, never a reuse.
    expect((await post({ ...changed[0], customerId: "cust-other" }, key)).status).toBe(202);
  });

  it("accepts a keyed order when the database cannot answer the idempotency lookup", async () => {
    const { app, db } = appWithRefusedDatabase(h, silentLogger());
    try {
      const res = await app.request(
        "/orders",
        {
          method: "POST",
          headers: { "Content-Type": "application/json", "Idempotency-Key": "cart-no-db" },
          body: JSON.stringify({ items: [{ sku: "KB-001", quantity: 1 }] }),
        },
        signedInAs("cust-no-db"),
      );
      expect(res.status).toBe(202);
      expect(await h.queue.receive(10, 1)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it("lists every failing field with its JSON path (400)", async () => {
    const res = await post({ customerId: "", items: [{ sku: "A", quantity: 0 }], currency: "usd" });
    const problem = await expectProblem(res, 400, "validation-error");
    const pointers = [...new Set(problem.errors.map((e) => e.pointer))].sort();
    expect(pointers).toEqual(["/currency", "/customerId", "/items/0/quantity"]);
    const quantity = problem.errors.find((e) => e.pointer === "/items/0/quantity");
    expect(quantity).toMatchObject({
      in: "body",
      path: ["items", 0, "quantity"],
      message: expect.any(String),
    });
    expect(await h.queue.receive(10, 0)).toEqual([]);
  });

  it("refuses a repeated sku, unknown fields and a body that is not an object (400)", async () => {
    const repeated = await post({ customerId: "c", items: [validOrder.items[0], validOrder.items[0]] });
    expect((await expectProblem(repeated, 400, "validation-error")).errors[0]?.pointer).toBe("/items/1/sku");
    await expectProblem(await post({ ...validOrder, extra: 1 }), 400, "validation-error");
    const notObject = await expectProblem(await post("[1,2]"), 400, "validation-error");
    expect(notObject.errors[0]?.pointer).toBe("");
  });

  it("refuses a sku the database cannot store (NUL, lone surrogate, control character): 400, nothing queued", async () => {
    for (const sku of ["KB\u0000", "\ud800", "KB\u0007", " "]) {
      const problem = await expectProblem(
        await post({ items: [{ sku, quantity: 1 }] }),
        400,
        "validation-error",
      );
      expect(problem.errors[0]).toMatchObject({ in: "body", pointer: "/items/0/sku" });
    }
    expect(await h.queue.receive(10, 0)).toEqual([]);
  });

  it("refuses a caller whose token subject cannot be a stored customer id with 403, nothing queued", async () => {
    for (const subject of ["c".repeat(65), "c\u0000", "c\ud800", "c\n1"]) {
      const res = await h.app.request(
        "/orders",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ items: [{ sku: "KB-001", quantity: 1 }] }),
        },
        signedInAs(subject),
      );
      expect((await expectProblem(res, 403, "forbidden")).detail).toMatch(/token's subject/);
    }
    expect(await h.queue.receive(10, 0)).toEqual([]);
  });

  it("refuses an Idempotency-Key that is empty-looking, too long or not visible ASCII (400)", async () => {
    for (const key of ["a b", "x".repeat(129), "clé"]) {
      const problem = await expectProblem(
        await post(validOrder, { "Idempotency-Key": key }),
        400,
        "validation-error",
      );
      expect(problem.errors[0]).toMatchObject({ in: "header", pointer: "/idempotency-key" });
    }
    expect(await h.queue.receive(10, 0)).toEqual([]);
  });

  it("answers malformed JSON with 400", async () => {
    await expectProblem(await post('{"customerId": "c", '), 400, "malformed-body");
  });

  it("answers a non-JSON content type, or a body without one, with 415", async () => {
    await expectProblem(
      await post(JSON.stringify(validOrder), { "Content-Type": "text/plain" }),
      415,
      "unsupported-media-type",
    );
    const untyped = await h.app.request(
      "/orders",
      { method: "POST", body: JSON.stringify(validOrder) },
      signedInAs("cust-42"),
    );
    await expectProblem(untyped, 415, "unsupported-media-type");
  });

  it("answers a body over 64 KiB with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ ...validOrder, customerId: "x".repeat(70_000) });
    await expectProblem(await post(big), 413, "payload-too-large");
    const declared = await post(big, { "Content-Length": String(big.length) });
    await expectProblem(declared, 413, "payload-too-large");
    expect(await h.queue.receive(10, 0)).toEqual([]);
  });

  it("answers 503 with Retry-After, never 202, when the queue does not take the message", async () => {
    const missingQueue = checkedApp({
      queue: new SqsOrderQueue(h.queue.sender, `${h.queue.local.endpoint}/000000000000/no-such-queue`),
      orders: new DbOrderReader(() => h.apiDb),
      products: new DbProductReader(() => h.apiDb),
      logger: silentLogger(),
    });
    const res = await missingQueue.request(
      "/orders",
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(validOrder) },
      signedInAs("cust-42"),
    );
    await expectProblem(res, 503, "queue-unavailable");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 202 when a retry gets through, 503 with Retry-After when SQS keeps refusing", async () => {
    const relay = await startFaultySqsRelay(h.queue.local.endpoint);
    try {
      const sender = createSqsSender({ ...h.queue.local.env(), AWS_ENDPOINT_URL_SQS: relay.endpoint });
      const app = checkedApp({
        queue: new SqsOrderQueue(sender, h.queue.queueUrl),
        orders: new DbOrderReader(() => h.apiDb),
        products: new DbProductReader(() => h.apiDb),
        logger: silentLogger(),
      });
      const order = () =>
        app.request(
          "/orders",
          {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Request-Id": "relay-test-1" },
            body: JSON.stringify(validOrder),
          },
          signedInAs("cust-42"),
        );
      relay.plan("throttle", 503);
      const accepted = await order();
      expect(accepted.status).toBe(202);
      const [message, ...more] = await h.queue.receive(10, 0);
      expect(more).toEqual([]);
      expect(message?.MessageAttributes?.correlationId?.StringValue).toBe("relay-test-1");

      relay.plan("throttle", "throttle", "throttle");
      const refused = await order();
      await expectProblem(refused, 503, "queue-unavailable");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(relay.seen).toHaveLength(6);
      expect(await h.queue.receive(10, 0)).toEqual([]);
    } finally {
      await relay.stop();
    }
  });
});

describe("GET /orders/{id}", () => {
  it("shows a processed order with its items (read as the orders_api role)", async () => {
    const id = randomUUID();
    const acceptedAt = new Date("2026-11-28T09:00:00.000Z");
    await h.insertProcessedOrder({
      id,
      customerId: "cust-7",
      status: "accepted",
      totalCents: 2 * 8999 + 2999,
      acceptedAt,
      items: [
        { sku: "MS-002", quantity: 1, unitPriceCents: 2999 },
        { sku: "KB-001", quantity: 2, unitPriceCents: 8999 },
      ],
    });
    const res = await h.app.request(`/orders/${id}`, {}, signedInAs("cust-7"));
    expect(res.status).toBe(200);
    const body = await readJson<OrderView>(res);
    expect(body).toEqual({
      orderId: id,
      customerId: "cust-7",
      status: "accepted",
      currency: "USD",
      totalCents: 20_997,
      items: [
        { sku: "KB-001", quantity: 2, unitPriceCents: 8999 },
        { sku: "MS-002", quantity: 1, unitPriceCents: 2999 },
      ],
      acceptedAt: "2026-11-28T09:00:00.000Z",
      processedAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(body.processedAt))).toBe(false);
  });

  it("shows a rejected order with its reason and a null price for an unknown sku", async () => {
    const id = randomUUID();
    await h.insertProcessedOrder({
      id,
      customerId: "cust-8",
      status: "rejected",
      rejectionReason: "unknown_sku",
      totalCents: 0,
      acceptedAt: new Date(),
      items: [{ sku: "NOPE-1", quantity: 1, unitPriceCents: null }],
    });
    const body = await readJson<OrderView>(await h.app.request(`/orders/${id}`, {}, signedInAs("cust-8")));
    expect(body).toMatchObject({ status: "rejected", rejectionReason: "unknown_sku", totalCents: 0 });
    expect(body.items).toEqual([{ sku: "NOPE-1", quantity: 1, unitPriceCents: null }]);
  });

  it("answers 404 for an order the worker has not written (yet)", async () => {
    await expectProblem(
      await h.app.request(`/orders/${randomUUID()}`, {}, signedInAs("cust-7")),
      404,
      "not-found",
    );
  });

  it("answers 400 for an id that is not a UUID", async () => {
    const problem = await expectProblem(
      await h.app.request("/orders/not-a-uuid", {}, signedInAs("cust-7")),
      400,
      "validation-error",
    );
    expect(problem.errors[0]).toMatchObject({ in: "path", pointer: "/id" });
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const deadDb = createDb({
      kind: "url",
      url: `postgres://orders_api:x@127.0.0.1:${await findFreePort()}/orders`,
    });
    const app = checkedApp({
      queue: new SqsOrderQueue(h.queue.sender, h.queue.queueUrl),
      orders: new DbOrderReader(() => deadDb),
      products: new DbProductReader(() => deadDb),
      logger: silentLogger(),
    });
    const res = await app.request(`/orders/${randomUUID()}`, {}, signedInAs("cust-7"));
    await expectProblem(res, 503, "database-unavailable");
    expect(res.headers.get("retry-after")).toBe("2");
    await expectProblem(await app.request("/products"), 503, "database-unavailable");
    await deadDb.close();
  });

  it("answers a non-retryable database failure with a 500 that leaks nothing", async () => {
    const { app, db: badDb } = appWithRefusedDatabase(h, silentLogger());
    const problem = await expectProblem(
      await app.request(`/orders/${randomUUID()}`, {}, signedInAs("cust-7")),
      500,
      "internal-error",
    );
    expect(JSON.stringify(problem)).not.toMatch(/password|orders_api|28P01/);
    await badDb.close();
  });
});

describe("other routes", () => {
  it("lists the catalogue with prices in cents and stock", async () => {
    const res = await h.app.request("/products");
    expect(res.status).toBe(200);
    const { products } = await readJson<{ products: unknown[] }>(res);
    expect(products).toHaveLength(12);
    expect(products[0]).toEqual({
      sku: "CB-010",
      name: "Cable kit",
      currency: "USD",
      priceCents: 999,
      stock: 2000,
    });
  });

  it("lets clients and shared caches keep the catalogue briefly, and answers 304 to a matching ETag", async () => {
    const res = await h.app.request("/products");
    expect(res.headers.get("cache-control")).toBe(`public, max-age=${catalogueCache.httpMaxAgeSeconds}`);
    const tag = res.headers.get("etag");
    expect(tag).toMatch(/^"[^"]+"$/);
    const again = await h.app.request("/products", { headers: { "If-None-Match": String(tag) } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("cache-control")).toBe(`public, max-age=${catalogueCache.httpMaxAgeSeconds}`);
    expect((await h.app.request("/products", { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
  });

  it("answers /health with 200, and HEAD without a body", async () => {
    const res = await h.app.request("/health");
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: "ok" });
    const head = await h.app.request("/health", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("answers an unknown route with a 404 problem", async () => {
    await expectProblem(await h.app.request("/nope"), 404, "not-found");
  });

  it("answers a wrong method on a known route with 405 and Allow", async () => {
    const del = await h.app.request("/orders", { method: "DELETE" });
    await expectProblem(del, 405, "method-not-allowed");
    expect(del.headers.get("allow")).toBe("POST");
    const put = await h.app.request(`/orders/${randomUUID()}`, { method: "PUT" });
    await expectProblem(put, 405, "method-not-allowed");
    expect(put.headers.get("allow")).toBe("GET, HEAD");
    const postProducts = await h.app.request("/products", { method: "POST" });
    expect(postProducts.status).toBe(405);
  });

  it("generates an X-Request-Id when the caller sends none or a strange one", async () => {
    const none = await h.app.request("/health");
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const strange = await h.app.request("/health", { headers: { "X-Request-Id": "bad id\twith spaces" } });
    expect(strange.headers.get("x-request-id")).not.toContain(" ");
    expect(strange.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
