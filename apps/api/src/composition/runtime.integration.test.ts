import { randomUUID } from "node:crypto";
import { holdToContract } from "@orders/contract-check";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { findFreePort } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiConfigError } from "../adapters/config";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import { type ApiSessions, watchApiSessions } from "../testing/api-sessions";
import { createRuntime } from "./runtime";

/**
 * The composition root as the entry points call it: configured only through an environment, its app held
 * to the published document, against the harness's real PostgreSQL and SQS emulator.
 */
let h: ApiHarness;
let sessions: ApiSessions;

beforeAll(async () => {
  h = await startApiHarness();
  sessions = await watchApiSessions(h);
});

afterAll(async () => {
  await sessions?.stop();
  await h?.close();
});

function environment(databaseUrl = sessions.url): Record<string, string | undefined> {
  return { ORDERS_QUEUE_URL: h.queue.queueUrl, DATABASE_URL: databaseUrl, ...h.queue.local.env() };
}

function runtimeFor(env = environment()) {
  const runtime = createRuntime(env, { logger: silentLogger() });
  return { runtime, app: holdToContract(runtime.app, apiContract) };
}

describe("createRuntime", () => {
  it("refuses an environment that lacks a setting, naming it, before serving anything", () => {
    expect(() => createRuntime({ ...environment(), ORDERS_QUEUE_URL: undefined })).toThrow(ApiConfigError);
    expect(() => createRuntime({ ...environment(), ORDERS_QUEUE_URL: "" })).toThrow(/ORDERS_QUEUE_URL/);
  });

  it("queues an order on the queue its environment names", async () => {
    const { runtime, app } = runtimeFor();
    const res = await app.request(
      "/orders",
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ items: [{ sku: "KB-001", quantity: 1 }] }),
      },
      signedInAs("c-runtime"),
    );
    expect(res.status).toBe(202);
    const { orderId } = (await res.json()) as { orderId: string };
    const [message] = await h.queue.receive();
    expect(JSON.parse(message?.Body ?? "{}")).toMatchObject({ orderId, customerId: "c-runtime" });
    await runtime.close();
  });

  it("serves reads through the lazily loaded readers over one connection", async () => {
    const { runtime, app } = runtimeFor();
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => app.request("/products")),
      ...Array.from({ length: 4 }, () => app.request(`/orders/${randomUUID()}`, {}, signedInAs("c-1"))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 404, 404, 404]);
    expect(sessions.open()).toBe(1);
    await runtime.close();
    await expect.poll(sessions.open).toBe(0);
  });

  it("reads the catalogue from the database once per container while its copy is fresh", async () => {
    const { runtime, app } = runtimeFor();
    const stockOf = async () => {
      const res = await app.request("/products");
      const body = (await res.json()) as { products: { sku: string; stock: number }[] };
      return body.products.find((p) => p.sku === "CB-010")?.stock;
    };
    const before = await stockOf();
    const admin = postgres(h.database.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`update products set stock = stock - 1 where sku = 'CB-010'`;
      // Within the container's TTL the copy answers, however many ask at once.
      const answers = await Promise.all(Array.from({ length: 10 }, stockOf));
      expect(answers).toEqual(Array(10).fill(before));
    } finally {
      await admin`update products set stock = stock + 1 where sku = 'CB-010'`;
      await admin.end();
      await runtime.close();
    }
  });

  it("answers 503 problem+json with Retry-After when the database cannot be reached", async () => {
    const { runtime, app } = runtimeFor(
      environment(`postgres://orders_api:x@127.0.0.1:${await findFreePort()}/orders`),
    );
    for (const path of [`/orders/${randomUUID()}`, "/products"]) {
      const res = await app.request(path, {}, signedInAs("c-1"));
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("retry-after")).toBe("2");
      expect(((await res.json()) as { type: string }).type).toBe("/docs#problem-database-unavailable");
    }
    await runtime.close();
  });
});
