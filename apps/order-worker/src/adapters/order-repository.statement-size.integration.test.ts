import type { OrderMessage } from "@orders/contracts";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { orderFlow, proxyMaxStatementTextBytes } from "@orders/settings";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { startRoundTripCounter } from "../testing/round-trip-counter";
import { processOrderBatch } from "./order-repository";

/** The contract's limits (packages/contracts): 1..50 items, SKUs and customer ids of 1..64 characters. */
const MAX_ITEMS = 50;
const MAX_TEXT = 64;

let database: TestDatabase;
let admin: postgres.Sql;
let worker: postgres.Sql;
/** Every statement text the worker client sent. */
const sent: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase("worker-size");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  worker = postgres(database.serviceUrl("worker"), {
    max: 1,
    prepare: false,
    onnotice: () => {},
    debug: (_connection, query) => sent.push(query),
  });
});

afterAll(async () => {
  await worker?.end();
  await admin?.end();
  await database?.drop();
});

/** Half the time exactly at the limit, otherwise anywhere in 1..limit: the limits themselves get tested. */
const upTo = (max: number) => fc.oneof(fc.constant(max), fc.integer({ min: 1, max }));

/** Text of at most `max` UTF-16 units, rich in what costs bytes: escapes and multi-byte characters. */
const text = (max: number) =>
  upTo(max).chain((length) =>
    fc.string({
      unit: fc.constantFrom("a", "Z", "7", "-", '"', "\\", "é", "€", " "),
      minLength: length,
      maxLength: length,
    }),
  );

const message = fc
  .record({
    customerId: text(MAX_TEXT),
    skus: upTo(MAX_ITEMS).chain((n) => fc.uniqueArray(text(MAX_TEXT), { minLength: n, maxLength: n })),
    quantity: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ customerId, skus, quantity }) =>
    orderMessage(
      skus.map((sku) => ({ sku, quantity })),
      { customerId },
    ),
  );

/** The largest batch the contract and the worker's mapping allow, every text at its longest. */
function largestBatch(prefix: string): OrderMessage[] {
  return Array.from({ length: orderFlow.batchSize }, (_, m) =>
    orderMessage(
      Array.from({ length: MAX_ITEMS }, (_, i) => ({
        sku: `${prefix}-${m}-${i}-`.padEnd(MAX_TEXT, "x"),
        quantity: 1,
      })),
      { customerId: `customer-${m}-`.padEnd(MAX_TEXT, "c") },
    ),
  );
}

describe("statement text the worker sends", () => {
  it("stays within the proxy's 16 KB for any batch up to the contract's limits", async () => {
    await fc.assert(
      fc.asyncProperty(
        upTo(orderFlow.batchSize).chain((n) => fc.array(message, { minLength: n, maxLength: n })),
        async (batch) => {
          sent.length = 0;
          const outcomes = await processOrderBatch(worker, batch);
          expect(outcomes).toHaveLength(batch.length);
          expect(sent.length).toBeGreaterThan(0);
          for (const statement of sent)
            expect(Buffer.byteLength(statement)).toBeLessThanOrEqual(proxyMaxStatementTextBytes);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it("records the largest batch exactly once, stock exact, a redelivery changes nothing", async () => {
    const batch = largestBatch(skuPrefix());
    await seedProducts(
      admin,
      batch.flatMap((m) => m.items.map((i) => ({ sku: i.sku, priceCents: 100, stock: 1 }))),
    );
    sent.length = 0;
    const first = await processOrderBatch(worker, batch);
    expect(first.map((o) => o.kind)).toEqual(batch.map(() => "accepted"));
    expect(Math.max(...sent.map((s) => Buffer.byteLength(s)))).toBeLessThanOrEqual(
      proxyMaxStatementTextBytes,
    );

    const again = await processOrderBatch(worker, batch);
    expect(again.map((o) => o.kind)).toEqual(batch.map(() => "duplicate"));
    const skus = batch.flatMap((m) => m.items.map((i) => i.sku));
    const [row] = await admin<{ orders: number; items: number; stock: number }[]>`
      select (select count(*)::int from orders where id in ${admin(batch.map((m) => m.orderId))}) as orders,
             (select count(*)::int from order_items where sku in ${admin(skus)}) as items,
             (select sum(stock)::int from products where sku in ${admin(skus)}) as stock`;
    expect(row).toEqual({ orders: batch.length, items: skus.length, stock: 0 });
  });

  it("keeps an ordinary batch at one round trip and the largest at two", async () => {
    const p = skuPrefix();
    const ordinary = Array.from({ length: orderFlow.batchSize }, (_, n) =>
      orderMessage([0, 1, 2].map((k) => ({ sku: `${p}-${(n * 3 + k) % 50}`, quantity: 1 }))),
    );
    const url = new URL(database.serviceUrl("worker"));
    const counter = await startRoundTripCounter({ host: url.hostname, port: Number(url.port) });
    const sql = postgres(database.serviceUrl("worker"), {
      host: "127.0.0.1",
      port: counter.port,
      max: 1,
      prepare: false,
      onnotice: () => {},
    });
    try {
      await sql`select 1`;
      counter.reset();
      await processOrderBatch(sql, ordinary);
      expect(counter.roundTrips()).toBe(1);
      counter.reset();
      await processOrderBatch(sql, largestBatch(skuPrefix()));
      expect(counter.roundTrips()).toBe(2);
    } finally {
      await sql.end();
      await counter.close();
    }
  });
});
