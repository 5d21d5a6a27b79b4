import { randomUUID } from "node:crypto";
import { signedInAs } from "@orders/identity/testing";
import { findFreePort } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbReaders } from "./adapters/db-readers";
import { type DbReaders, dbReadersOnFirstUse } from "./adapters/db-readers-on-first-use";
import { sqsConnectionFromEnv } from "./adapters/sqs/sqs-connection";
import { createApp } from "./app";
import type { ApiConfig } from "./config";
import { createRuntime } from "./runtime";
import { type ApiHarness, startApiHarness } from "./testing/api-harness";
import { silentLogger } from "./testing/log-capture";

/**
 * The runtime's database readers load on the first read (a dynamic import) and then connect; these run them
 * against the harness's real PostgreSQL, as the `orders_api` role.
 */
let h: ApiHarness;
let admin: postgres.Sql;

beforeAll(async () => {
  h = await startApiHarness();
  admin = postgres(h.database.adminUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await admin?.end();
  await h?.close();
});

function config(url = h.database.serviceUrl("api")): ApiConfig {
  return {
    queueUrl: h.queue.queueUrl,
    sqs: sqsConnectionFromEnv(h.queue.sqs.env()),
    database: { kind: "url", url },
  };
}

/** Connections the runtime's client holds in the test database (it names itself "orders-api"). */
async function apiConnections(): Promise<number> {
  const [row] = await admin<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and application_name = 'orders-api'`;
  return row?.n ?? -1;
}

describe("database readers loaded on first use", () => {
  it("share one load and one client among concurrent first reads", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async () => {
      loads++;
      const { createDbReaders: create } = await import("./adapters/db-readers");
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
    expect(await apiConnections()).toBe(0);
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
    const app = createApp(runtime.deps);
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => app.request("/products")),
      ...Array.from({ length: 4 }, () => app.request(`/orders/${randomUUID()}`, {}, signedInAs("c-1"))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 404, 404, 404]);
    expect(await apiConnections()).toBe(1);
    await runtime.close();
    expect(await apiConnections()).toBe(0);
  });

  it("answers 503 problem+json with Retry-After when the database cannot be reached", async () => {
    const runtime = createRuntime(
      config(`postgres://orders_api:x@127.0.0.1:${await findFreePort()}/orders`),
      silentLogger(),
    );
    const app = createApp(runtime.deps);
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
