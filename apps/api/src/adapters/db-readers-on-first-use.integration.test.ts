import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import { type ApiSessions, watchApiSessions } from "../testing/api-sessions";
import { createDbReaders } from "./db-readers";
import { type DbReaders, dbReadersOnFirstUse } from "./db-readers-on-first-use";

/**
 * The runtime's database readers load on the first read (a dynamic import) and then connect; these run them
 * against the harness's real PostgreSQL, as the `orders_api` role.
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

const database = () => ({ kind: "url" as const, url: sessions.url });

describe("database readers loaded on first use", () => {
  it("share one load and one client among concurrent first reads", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async () => {
      loads++;
      const { createDbReaders: create } = await import("./db-readers");
      return create(database());
    });
    expect(loads).toBe(0);

    const products = await Promise.all(Array.from({ length: 8 }, () => readers.products.listProducts()));
    const orders = await Promise.all(Array.from({ length: 8 }, () => readers.orders.findOrder(randomUUID())));
    expect(loads).toBe(1);
    expect(products.map((p) => p.length)).toEqual(Array(8).fill(12));
    expect(orders).toEqual(Array(8).fill(undefined));
    expect(sessions.open()).toBe(1);

    await readers.close();
    await expect.poll(sessions.open).toBe(0);
  });

  it("try the load again on the next read after a failed one", async () => {
    let loads = 0;
    const readers = dbReadersOnFirstUse(async (): Promise<DbReaders> => {
      loads++;
      if (loads === 1) throw new Error("chunk not found");
      return createDbReaders(database());
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
      return createDbReaders(database());
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
