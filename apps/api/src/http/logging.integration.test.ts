import { captureLogs } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbOrderReader } from "../adapters/db-order-reader";
import { DbProductReader } from "../adapters/db-product-reader";
import { SqsOrderQueue } from "../adapters/sqs/sqs-order-queue";
import { checkedApp } from "../testing/api-contract";
import { type ApiHarness, appWithRefusedDatabase, startApiHarness } from "../testing/api-harness";

let h: ApiHarness;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  h = await startApiHarness(logs.logger);
});

afterAll(async () => {
  logs?.restore();
  await h?.close();
});

describe("logging", () => {
  it("puts the request's correlation id on every line it writes, also under concurrency", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `corr-${i}`);
    await Promise.all(
      ids.map((id, i) =>
        h.app.request(
          "/orders",
          {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Request-Id": id },
            body: JSON.stringify({ customerId: `c-${i}`, items: [{ sku: "KB-001", quantity: 1 }] }),
          },
          signedInAs(`c-${i}`),
        ),
      ),
    );
    const lines = logs.lines().filter((line) => ids.includes(String(line.correlation_id)));
    for (const id of ids) {
      const own = lines.filter((line) => line.correlation_id === id);
      expect(own.map((line) => line.message).sort()).toEqual(["order queued", "request"]);
      const queued = own.find((line) => line.message === "order queued");
      const request = own.find((line) => line.message === "request");
      expect(request).toMatchObject({
        method: "POST",
        path: "/orders",
        status: 202,
        service: "service-test",
      });
      expect(queued?.orderId).toEqual(expect.any(String));
    }
    await h.queue.drain();
  });

  it("logs an unexpected failure in full with its correlation id, and answers without details", async () => {
    const { app, db: badDb } = appWithRefusedDatabase(h, logs.logger);
    const before = logs.lines().length;
    const res = await app.request("/products", { headers: { "X-Request-Id": "corr-500" } });
    await badDb.close();

    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/select|password|orders_api/i);
    const lines = logs.lines().slice(before);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((line) => line.correlation_id === "corr-500")).toBe(true);
    const failure = lines.find((line) => line.level === "ERROR");
    expect(failure?.message).toBe("unexpected error");
    expect(JSON.stringify(failure?.error)).toMatch(/select/i);
  });

  it("logs a refused send as a warning with the SDK's error, on the request's correlation id", async () => {
    const app = checkedApp({
      queue: new SqsOrderQueue(h.queue.sender, `${h.queue.local.endpoint}/000000000000/no-such-queue`),
      orders: new DbOrderReader(() => h.apiDb),
      products: new DbProductReader(() => h.apiDb),
      logger: logs.logger,
    });
    const before = logs.lines().length;
    const res = await app.request(
      "/orders",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Request-Id": "corr-503" },
        body: JSON.stringify({ customerId: "c", items: [{ sku: "KB-001", quantity: 1 }] }),
      },
      signedInAs("c"),
    );
    expect(res.status).toBe(503);
    const warning = logs
      .lines()
      .slice(before)
      .find((line) => line.level === "WARN");
    expect(warning).toMatchObject({
      correlation_id: "corr-503",
      message: expect.stringMatching(/not accepted/),
    });
    // The domain's error, and inside it what SQS answered.
    expect(warning?.cause).toMatchObject({
      name: "QueueUnavailableError",
      cause: { name: "SqsSendError", message: expect.stringMatching(/QueueDoesNotExist/) },
    });
  });
});
