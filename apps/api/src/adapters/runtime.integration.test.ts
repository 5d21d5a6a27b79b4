import { randomUUID } from "node:crypto";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { findFreePort } from "@orders/local-postgres";
import { type PinningRelay, startPinningRelay } from "@orders/proxy-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedApp } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import type { ApiConfig } from "./config";
import { createDbReaders } from "./db-readers";
import { type DbReaders, dbReadersOnFirstUse } from "./db-readers-on-first-use";
import { createRuntime } from "./runtime";
import { sqsConnectionFromEnv } from "./sqs/sqs-connection";

/**
 * The runtime's database readers load on the first read (a dynamic import) and then connect; these run them
 * against the harness's real PostgreSQL, as the `orders_api` role.
 */
let h: ApiHarness;
/**
 * The runtime's client connects through a relay of its own in front of the run's proxy chain: behind a
 * transaction pooler, server connections say nothing about how many connections the client holds, the
 * client sessions the relay sees do.
 */
let sessions: PinningRelay;

beforeAll(async () => {
  h = await startApiHarness();
  const chain = new URL(h.database.serviceUrl("api"));
  sessions = await startPinningRelay({ upstream: { host: chain.hostname, port: Number(chain.port) } });
});

afterAll(async () => {
  await sessions?.stop();
  await h?.close();
});

function serviceUrl(): string {
  const url = new URL(h.database.serviceUrl("api"));
  url.port = String(sessions.port);
  return url.toString();
}

function config(url = serviceUrl()): ApiConfig {
  return {
    queueUrl: h.queue.queueUrl,
    sqs: sqsConnectionFromEnv(h.queue.local.env()),
    database: { kind: "url", url },
  };
}

/** Connections the runtime's client holds open (it names itself "orders-api"). */
async function apiConnections(): Promise<number> {
  return sessions.sessions().filter((s) => s.open && s.applicationName === "orders-api").length;
}

describe("database readers loaded on first use", () => {
  it("share one load and one client among concurrent first reads", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async () => {
      loads++;
      const { createDbReaders: create } = await import("./db-readers");
      return create(config().database);
    });
    expect(loads).toBe(0);

    const products = await Promise.all(Array.from({ length: 8 }, () => readers.products.listProducts()));
    const orders = await Promise.all(Array.from({ length: 8 }, () => readers.orders.findOrder(randomUUID())));
    expect(loads).toBe(1);
    expect(products.map((p) => p.length)).toEqual(Array(8).fill(12));
    expect(orders).toEqual(Array(8).fill(undefined));
    expect(await apiConnections()).toBe(1);

    await readers.close();
    await expect.poll(apiConnections).toBe(0);
  });

  it("try the load again on the next read after a failed one", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async (): Promise<DbReaders> => {
      loads++;
      if (loads === 1) throw new Error("chunk not found");
      return createDbReaders(config().database);
    });
    const failed = await Promise.allSettled([
      readers.products.listProducts(),
      readers.products.listProducts(),
    ]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(loads).toBe(1);

    expect(await readers.products.listProducts()).toHaveLength(12);
    expect(loads).toBe(2);
    await readers.close();
  });

  it("close without loading anything when nothing was read", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async () => {
      loads++;
      return createDbReaders(config().database);
    });
    await readers.close();
    expect(loads).toBe(0);
  });

  it("close without loading again after a failed load", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async (): Promise<DbReaders> => {
      loads++;
      throw new Error("chunk not found");
    });
    await expect(readers.orders.findOrder(randomUUID())).rejects.toThrow("chunk not found");
    await readers.close();
    expect(loads).toBe(1);
  });
});

describe("createRuntime", () => {
  it("serves reads through the lazily loaded readers over one connection", async () => {
    const runtime = createRuntime(config(), silentLogger());
    const app = checkedApp(runtime.deps);
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => app.request("/products")),
      ...Array.from({ length: 4 }, () => app.request(`/orders/${randomUUID()}`, {}, signedInAs("c-1"))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 404, 404, 404]);
    expect(await apiConnections()).toBe(1);
    await runtime.close();
    await expect.poll(apiConnections).toBe(0);
  });

  it("reads the catalogue from the database once per container while its copy is fresh", async () => {
    const runtime = createRuntime(config(), silentLogger());
    const app = checkedApp(runtime.deps);
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
    const runtime = createRuntime(
      config(`postgres://orders_api:x@127.0.0.1:${await findFreePort()}/orders`),
      silentLogger(),
    );
    const app = checkedApp(runtime.deps);
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
