import type { OrderMessage } from "@orders/contracts";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { startRoundTripCounter } from "../testing/round-trip-counter";
import { processOrderBatch } from "./order-repository";

let database: TestDatabase;
let admin: postgres.Sql;
const workers: postgres.Sql[] = [];

beforeAll(async () => {
  database = await createTestDatabase("worker-repo");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await Promise.all(workers.map((sql) => sql.end()));
  await admin.end();
  await database.drop();
});

/** A client logged in as the worker's own role, configured like a Lambda's (one connection, no prepares). */
function workerClient(options: postgres.Options<Record<string, never>> = {}): postgres.Sql {
  const sql = postgres(database.serviceUrl("worker"), {
    max: 1,
    prepare: false,
    onnotice: () => {},
    ...options,
  });
  workers.push(sql);
  return sql;
}

async function stockOf(sku: string): Promise<number> {
  const [row] = await admin<{ stock: number }[]>`select stock from products where sku = ${sku}`;
  if (!row) throw new Error(`no product ${sku}`);
  return row.stock;
}

async function storedOrder(id: string) {
  const [order] = await admin<
    { status: string; total_cents: string; rejection_reason: string | null; customer_id: string }[]
  >`select status, total_cents, rejection_reason, customer_id from orders where id = ${id}`;
  const items = await admin<{ sku: string; quantity: number; unit_price_cents: string | null }[]>`
    select sku, quantity, unit_price_cents from order_items where order_id = ${id} order by sku`;
  return order && { ...order, total_cents: Number(order.total_cents), items };
}

/** Waits until a session of that application name waits on a lock held by another transaction. */
async function waitUntilBlocked(applicationName: string): Promise<void> {
  const observer = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; attempt < 500; attempt++) {
      const [row] = await observer<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where application_name = ${applicationName} and wait_event_type = 'Lock'`;
      if (row?.n) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${applicationName} never blocked`);
  } finally {
    await observer.end();
  }
}

async function countOrders(ids: readonly string[]): Promise<number> {
  const [row] = await admin<
    { n: number }[]
  >`select count(*)::int as n from orders where id = any(${ids}::uuid[])`;
  return row?.n ?? 0;
}

describe("processOrderBatch", () => {
  it("accepts an order: prices from the catalogue, takes the stock, records order and items", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [
      { sku: `${p}-A`, priceCents: 1250, stock: 10 },
      { sku: `${p}-B`, priceCents: 399, stock: 5 },
    ]);
    const message = orderMessage([
      { sku: `${p}-A`, quantity: 2 },
      { sku: `${p}-B`, quantity: 5 },
    ]);

    const [outcome] = await processOrderBatch(workerClient(), [message]);

    expect(outcome).toEqual({ kind: "accepted", orderId: message.orderId, totalCents: 2 * 1250 + 5 * 399 });
    expect(await stockOf(`${p}-A`)).toBe(8);
    expect(await stockOf(`${p}-B`)).toBe(0);
    expect(await storedOrder(message.orderId)).toEqual({
      status: "accepted",
      total_cents: 4495,
      rejection_reason: null,
      customer_id: "customer-1",
      items: [
        { sku: `${p}-A`, quantity: 2, unit_price_cents: "1250" },
        { sku: `${p}-B`, quantity: 5, unit_price_cents: "399" },
      ],
    });
  });

  it.each([
    {
      name: "an unknown sku",
      items: (p: string) => [
        { sku: `${p}-A`, quantity: 1 },
        { sku: `${p}-NOPE`, quantity: 1 },
      ],
      currency: "USD",
      reason: (p: string) => `unknown_sku:${p}-NOPE`,
      prices: ["700", null],
    },
    {
      name: "insufficient stock",
      items: (p: string) => [
        { sku: `${p}-A`, quantity: 1 },
        { sku: `${p}-B`, quantity: 3 },
      ],
      currency: "USD",
      reason: (p: string) => `insufficient_stock:${p}-B`,
      prices: ["700", "100"],
    },
    {
      name: "a currency the catalogue does not price in",
      items: (p: string) => [{ sku: `${p}-A`, quantity: 1 }],
      currency: "EUR",
      reason: () => "currency_mismatch:USD",
      prices: ["700"],
    },
  ])("rejects an order with $name, records why, and leaves stock untouched", async (c) => {
    const p = skuPrefix();
    await seedProducts(admin, [
      { sku: `${p}-A`, priceCents: 700, stock: 10 },
      { sku: `${p}-B`, priceCents: 100, stock: 2 },
    ]);
    const message = orderMessage(c.items(p), { currency: c.currency });

    const [outcome] = await processOrderBatch(workerClient(), [message]);

    expect(outcome).toEqual({ kind: "rejected", orderId: message.orderId, reason: c.reason(p) });
    expect(await stockOf(`${p}-A`)).toBe(10);
    expect(await stockOf(`${p}-B`)).toBe(2);
    const stored = await storedOrder(message.orderId);
    expect(stored).toMatchObject({ status: "rejected", total_cents: 0, rejection_reason: c.reason(p) });
    expect(stored?.items.map((i) => i.unit_price_cents)).toEqual(c.prices);
  });

  it("allocates scarce stock within a batch in message order", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 100, stock: 3 }]);
    const messages = [2, 2, 1].map((quantity) => orderMessage([{ sku: `${p}-A`, quantity }]));

    const outcomes = await processOrderBatch(workerClient(), messages);

    expect(outcomes.map((o) => o.kind)).toEqual(["accepted", "rejected", "accepted"]);
    expect(await stockOf(`${p}-A`)).toBe(0);
  });

  it("records a message delivered twice in the same batch once", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 100, stock: 10 }]);
    const message = orderMessage([{ sku: `${p}-A`, quantity: 4 }]);

    const outcomes = await processOrderBatch(workerClient(), [message, { ...message }]);

    expect(outcomes.map((o) => o.kind)).toEqual(["accepted", "duplicate"]);
    expect(await stockOf(`${p}-A`)).toBe(6);
    expect(await countOrders([message.orderId])).toBe(1);
  });

  it("has no second effect when a committed batch is delivered again (crash between commit and delete)", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 100, stock: 10 }]);
    const batch = [
      orderMessage([{ sku: `${p}-A`, quantity: 3 }]),
      orderMessage([{ sku: `${p}-GONE`, quantity: 1 }]),
    ];

    const first = await processOrderBatch(workerClient(), batch);
    // A new container (new connection) receives the same messages after the visibility timeout.
    const again = await processOrderBatch(workerClient(), batch);

    expect(first.map((o) => o.kind)).toEqual(["accepted", "rejected"]);
    expect(again.map((o) => o.kind)).toEqual(["duplicate", "duplicate"]);
    expect(await stockOf(`${p}-A`)).toBe(7);
    expect(await countOrders(batch.map((m) => m.orderId))).toBe(2);
  });

  it("sees an order already recorded before deciding, so it takes no stock the duplicate would have taken", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 100, stock: 2 }]);
    const first = orderMessage([{ sku: `${p}-A`, quantity: 1 }]);
    await processOrderBatch(workerClient(), [first]);

    // Redelivered beside a new order for the last unit: the new order must get it.
    const later = orderMessage([{ sku: `${p}-A`, quantity: 1 }]);
    const outcomes = await processOrderBatch(workerClient(), [first, later]);

    expect(outcomes.map((o) => o.kind)).toEqual(["duplicate", "accepted"]);
    expect(await stockOf(`${p}-A`)).toBe(0);
  });

  it("has one effect when another worker commits the same lock-free order while this one writes it", async () => {
    // An order naming only unknown SKUs takes no product lock, so nothing orders the two deliveries: here the
    // "other worker" (admin) has written the order and its item but not committed when this worker writes.
    const message = orderMessage([{ sku: `${skuPrefix()}-UNKNOWN`, quantity: 2 }]);
    const sql = workerClient({ connection: { application_name: "racing-worker" } });
    let outcome: Promise<unknown> | undefined;
    await admin.begin(async (other) => {
      await other`insert into orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at)
        values (${message.orderId}, 'c', 'USD', 0, 'rejected', 'unknown_sku', now())`;
      await other`insert into order_items (order_id, sku, quantity) values (${message.orderId}, ${message.items[0]?.sku ?? ""}, 2)`;
      outcome = processOrderBatch(sql, [message]);
      await waitUntilBlocked("racing-worker");
    });

    expect(await outcome).toEqual([{ kind: "duplicate", orderId: message.orderId }]);
    const [items] = await admin<{ n: number }[]>`
      select count(*)::int as n from order_items where order_id = ${message.orderId}`;
    expect(items?.n).toBe(1);
  });

  it("gives one order and one decrement when two workers get the same message at once", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 100, stock: 10 }]);
    for (let round = 0; round < 10; round++) {
      const shared = orderMessage([{ sku: `${p}-A`, quantity: 1 }]);
      // Unknown-SKU-only orders take no product lock: their race is settled by ON CONFLICT alone.
      const unlocked = orderMessage([{ sku: `${p}-UNKNOWN`, quantity: 1 }]);
      const [a, b] = await Promise.all([
        processOrderBatch(workerClient(), [shared, unlocked]),
        processOrderBatch(workerClient(), [unlocked, shared]),
      ]);
      const kinds = [...(a ?? []), ...(b ?? [])].map(
        (o) => `${o.orderId === shared.orderId ? "s" : "u"}:${o.kind}`,
      );
      expect(kinds.sort()).toEqual(["s:accepted", "s:duplicate", "u:duplicate", "u:rejected"]);
      expect(await countOrders([shared.orderId, unlocked.orderId])).toBe(2);
      const [items] = await admin<{ n: number }[]>`
        select count(*)::int as n from order_items where order_id in (${shared.orderId}, ${unlocked.orderId})`;
      expect(items?.n).toBe(2);
    }
    expect(await stockOf(`${p}-A`)).toBe(0);
  });

  it("never oversells a scarce product under concurrent batches", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [
      { sku: `${p}-SCARCE`, priceCents: 100, stock: 5 },
      { sku: `${p}-PLENTY`, priceCents: 10, stock: 1000 },
    ]);
    // 20 orders of one unit across 4 concurrent batches; batches also share a second product, locked in
    // the opposite order of how orders name them, to prove sorted locking does not deadlock.
    const batches = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () =>
        orderMessage([
          { sku: `${p}-SCARCE`, quantity: 1 },
          { sku: `${p}-PLENTY`, quantity: 1 },
        ]),
      ),
    );

    const results = await Promise.all(batches.map((batch) => processOrderBatch(workerClient(), batch)));

    const kinds = results.flat().map((o) => o.kind);
    expect(kinds.filter((k) => k === "accepted")).toHaveLength(5);
    expect(kinds.filter((k) => k === "rejected")).toHaveLength(15);
    expect(await stockOf(`${p}-SCARCE`)).toBe(0);
    expect(await stockOf(`${p}-PLENTY`)).toBe(995);
    const [sold] = await admin<{ units: number }[]>`
      select coalesce(sum(i.quantity), 0)::int as units from order_items i join orders o on o.id = i.order_id
      where i.sku = ${`${p}-SCARCE`} and o.status = 'accepted'`;
    expect(sold?.units).toBe(5);
  });

  it("works within the worker role's grants only", async () => {
    const sql = workerClient();
    await expect(sql`select status from orders limit 1`).rejects.toMatchObject({ code: "42501" });
    await expect(sql`update products set price_cents = 0`).rejects.toMatchObject({ code: "42501" });
  });

  it("takes one network round trip for batches of 1, 10 and 100 messages", async () => {
    const p = skuPrefix();
    await seedProducts(
      admin,
      Array.from({ length: 50 }, (_, i) => ({ sku: `${p}-${i}`, priceCents: 100 + i, stock: 10_000 })),
    );
    const url = new URL(database.serviceUrl("worker"));
    const counter = await startRoundTripCounter({ host: url.hostname, port: Number(url.port) });
    const sql = workerClient({ host: "127.0.0.1", port: counter.port });
    const batchOf = (size: number): OrderMessage[] =>
      Array.from({ length: size }, (_, n) =>
        orderMessage([0, 1, 2].map((k) => ({ sku: `${p}-${(n * 3 + k) % 50}`, quantity: 1 }))),
      );
    try {
      await sql`select 1`; // connecting (authentication, type lookup) is not part of any batch
      // The instrument itself: a plain statement is one round trip; with prepared statements off, postgres.js
      // describes a parameterised one before executing it, which costs a second.
      counter.reset();
      await sql`select 1`;
      expect(counter.roundTrips()).toBe(1);
      counter.reset();
      await sql`select ${1}::int`;
      expect(counter.roundTrips()).toBe(2);

      const roundTrips: number[] = [];
      for (const size of [1, 10, 100]) {
        counter.reset();
        const outcomes = await processOrderBatch(sql, batchOf(size));
        expect(outcomes.every((o) => o.kind === "accepted")).toBe(true);
        roundTrips.push(counter.roundTrips());
      }

      expect(roundTrips).toEqual([1, 1, 1]);
    } finally {
      await sql.end();
      await counter.close();
    }
  });
});

describe("record_order_batch", () => {
  // processOrderBatch always builds consistent arrays; the function still refuses inconsistent ones rather than
  // deciding on a misread batch.
  it.each([
    { what: "arrays of different lengths", messages: 1, items: "array[1, 1]", products: "array[1]" },
    { what: "an item pointing at no SKU", messages: 1, items: "array[1]", products: "array[2]" },
    { what: "items out of message order", messages: 2, items: "array[2, 1]", products: "array[1, 1]" },
    { what: "a NULL element", messages: 1, items: "array[1]", products: "array[NULL]::int[]" },
  ])("refuses $what and writes nothing", async ({ messages, items, products }) => {
    const ids = Array.from({ length: messages }, () => `'${crypto.randomUUID()}'`);
    const call = workerClient().unsafe(`select * from record_order_batch(
      array[${ids.join(",")}]::uuid[], array_fill('c'::text, array[${messages}]), array_fill('USD'::text, array[${messages}]),
      array_fill(now(), array[${messages}]), array['NOPE-A'], ${items}, ${products}, array_fill(1, array[cardinality(${items})]))`);
    await expect(call).rejects.toMatchObject({ code: "22023" });
    expect(await countOrders(ids.map((id) => id.slice(1, -1)))).toBe(0);
  });

  it("refuses arrays that do not start at index 1 (the decision reads by index, the writes unnest)", async () => {
    const id = crypto.randomUUID();
    const call = workerClient().unsafe(`select * from record_order_batch(
      '[0:0]={${id}}'::uuid[], array['c'], array['USD'], array[now()], array['NOPE-A'], array[1], array[1], array[1])`);
    await expect(call).rejects.toMatchObject({ code: "22023" });
    expect(await countOrders([id])).toBe(0);
  });
});
