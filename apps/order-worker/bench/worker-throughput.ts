/**
 * Throughput of the worker's write path against a real PostgreSQL, beside the raw limit.
 *
 *   npx tsx apps/order-worker/bench/worker-throughput.ts        (or: npm run bench -w @orders/order-worker)
 *
 * Starts an embedded PostgreSQL 17, migrates it, seeds a catalogue with ample stock, then for batch sizes
 * 1, 10 and 100 (3 items per order) measures orders/s through `processOrderBatch` (one call of the database
 * function `record_order_batch`: lock products, read existing ids, decide, write, in one statement) over one
 * connection as the worker role, beside the same rows written with no locks, no reads and no stock update (the limit of one connection), two ways:
 * - a multi-row INSERT through postgres.js with bind parameters (orders + items in one statement);
 * - the same rows in one parameterless statement, as typed arrays (one network round trip: the strictest floor).
 * Round trips are counted on the wire by a relay. Prints a table and a one-line summary.
 * BENCH_SCALE (default 1) multiplies the number of orders per size.
 */
import { randomUUID } from "node:crypto";
import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage } from "@orders/contracts";
import { createDb } from "@orders/db-client";
import { startProvisionedDatabase } from "@orders/local-database";
import { startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { processOrderBatch } from "../src/adapters/order-repository";
import { arrayLiteral } from "../src/adapters/sql-literal";
import { startRoundTripCounter } from "../src/testing/round-trip-counter";

const BATCH_SIZES = [1, 10, 100] as const;
const ITEMS_PER_ORDER = 3;
const CATALOGUE_SIZE = 300;
const scale = Number(process.env.BENCH_SCALE ?? 1);
const ordersFor = (batchSize: number) =>
  Math.round(scale * (batchSize === 1 ? 1000 : batchSize === 10 ? 5000 : 15000));
/** Each side's orders are written in this many slices, the sides taking turns slice by slice. */
const SLICES = 20;

type Side = "writePath" | "rawInsert" | "rawOneMessage";

interface Measurement {
  batchSize: number;
  ordersPerSecond: Record<Side, number>;
  roundTrips: Record<Side, number>;
}

function makeOrders(count: number): OrderMessage[] {
  const acceptedAt = new Date().toISOString();
  return Array.from({ length: count }, () => {
    const first = Math.floor(Math.random() * CATALOGUE_SIZE);
    return {
      schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
      orderId: randomUUID(),
      customerId: `customer-${first % 50}`,
      currency: "USD",
      items: Array.from({ length: ITEMS_PER_ORDER }, (_, k) => ({
        sku: skuOf((first + k * 97) % CATALOGUE_SIZE),
        quantity: 1 + k,
      })),
      acceptedAt,
      correlationId: randomUUID(),
    };
  });
}

const skuOf = (i: number) => `BENCH-${String(i).padStart(4, "0")}`;

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function rawRows(batch: readonly OrderMessage[]) {
  const orders = batch.map((m) => ({
    id: m.orderId,
    customer_id: m.customerId,
    currency: m.currency,
    total_cents: 0,
    status: "accepted",
    accepted_at: m.acceptedAt,
  }));
  const items = batch.flatMap((m) =>
    m.items.map((i) => ({ order_id: m.orderId, sku: i.sku, quantity: i.quantity, unit_price_cents: 100 })),
  );
  return { orders, items };
}

/** The same orders and items in one multi-row INSERT statement per batch (bind parameters), nothing else. */
async function rawInsert(sql: postgres.Sql, batch: readonly OrderMessage[]): Promise<void> {
  const { orders, items } = rawRows(batch);
  await sql`
    with new_orders as (insert into orders ${sql(orders)})
    insert into order_items ${sql(items)}`;
}

/**
 * The same rows in one parameterless statement: one network round trip per batch, the data as typed array
 * literals like the write path's (cheaper for the server than unpacking JSON).
 */
async function rawOneMessage(sql: postgres.Sql, batch: readonly OrderMessage[]): Promise<void> {
  const { orders, items } = rawRows(batch);
  await sql.unsafe(`
    with new_orders as (
      insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
      select id, customer_id, currency, 0, 'accepted', accepted_at
      from unnest(${arrayLiteral(
        orders.map((o) => o.id),
        "uuid",
      )}, ${arrayLiteral(
        orders.map((o) => o.customer_id),
        "text",
      )}, ${arrayLiteral(
        orders.map((o) => o.currency),
        "text",
      )}, ${arrayLiteral(
        orders.map((o) => o.accepted_at),
        "timestamptz",
      )}) as o(id, customer_id, currency, accepted_at)
    )
    insert into order_items (order_id, sku, quantity, unit_price_cents)
    select order_id, sku, quantity, 100
    from unnest(${arrayLiteral(
      items.map((i) => i.order_id),
      "uuid",
    )}, ${arrayLiteral(
      items.map((i) => i.sku),
      "text",
    )}, ${arrayLiteral(
      items.map((i) => i.quantity),
      "int",
    )}) as i(order_id, sku, quantity)`);
}

const sides: Record<Side, (sql: postgres.Sql, batch: readonly OrderMessage[]) => Promise<unknown>> = {
  writePath: async (sql, batch) => {
    const outcomes = await processOrderBatch(sql, batch);
    if (outcomes.some((o) => o.kind !== "accepted")) throw new Error("bench order not accepted");
  },
  rawInsert,
  rawOneMessage,
};

/** Network round trips of one batch, counted on the wire through a relay (not used for timing). */
async function roundTripsOf(
  target: URL,
  run: (sql: postgres.Sql, batch: readonly OrderMessage[]) => Promise<unknown>,
  batchSize: number,
): Promise<number> {
  const counter = await startRoundTripCounter({ host: target.hostname, port: Number(target.port) });
  const sql = postgres(target.toString(), { max: 1, prepare: false, onnotice: () => {}, port: counter.port });
  try {
    await sql`select 1`; // connecting (and postgres.js's type lookup) is not part of the batch
    counter.reset();
    await run(sql, makeOrders(batchSize));
    return counter.roundTrips();
  } finally {
    await sql.end();
    await counter.close();
  }
}

async function main() {
  process.stdout.write("starting embedded PostgreSQL 17...\n");
  const database = await startProvisionedDatabase(() => startEmbeddedPostgres(), {
    database: "orders_bench",
    services: ["worker"],
    demoCatalogue: "never",
    products: Array.from({ length: CATALOGUE_SIZE }, (_, i) => ({
      sku: skuOf(i),
      name: `Bench product ${i}`,
      currency: "USD",
      priceCents: 100 + i,
      stock: 100_000_000,
    })),
  });
  try {
    const workerUrl = new URL(database.directServiceUrl("worker"));

    // One connection per side, each the worker's real client (createDb: one connection, no prepared
    // statements) logged in as the worker role.
    const clients = Object.fromEntries(
      (Object.keys(sides) as Side[]).map((side) => [
        side,
        createDb({ kind: "url", url: workerUrl.toString() }, { applicationName: `bench-${side}` }),
      ]),
    ) as Record<Side, ReturnType<typeof createDb>>;
    // Warm-up: connections, plans, caches.
    for (const batch of batchesOf(makeOrders(600), 10)) {
      for (const side of Object.keys(sides) as Side[]) await sides[side](clients[side].sql, batch.map(fresh));
    }

    const results: Measurement[] = [];
    for (const batchSize of BATCH_SIZES) {
      const count = ordersFor(batchSize);
      // The sides take turns slice by slice (rotating who goes first), so load from anything else on the
      // machine falls on all of them alike and the ratios stay meaningful.
      const seconds: Record<Side, number> = { writePath: 0, rawInsert: 0, rawOneMessage: 0 };
      const perSlice = Math.max(batchSize, Math.round(count / SLICES / batchSize) * batchSize);
      for (let slice = 0; slice < SLICES; slice++) {
        const order = (Object.keys(sides) as Side[]).map(
          (_, i, all) => all[(i + slice) % all.length] as Side,
        );
        for (const side of order) {
          const batches = batchesOf(makeOrders(perSlice), batchSize);
          seconds[side] += await timed(async () => {
            for (const batch of batches) await sides[side](clients[side].sql, batch);
          });
        }
      }
      const written = perSlice * SLICES;
      const roundTrips = {} as Record<Side, number>;
      for (const side of Object.keys(sides) as Side[]) {
        roundTrips[side] = await roundTripsOf(workerUrl, sides[side], batchSize);
      }
      results.push({
        batchSize,
        ordersPerSecond: {
          writePath: written / seconds.writePath,
          rawInsert: written / seconds.rawInsert,
          rawOneMessage: written / seconds.rawOneMessage,
        },
        roundTrips,
      });
    }
    await Promise.all(Object.values(clients).map((c) => c.close()));
    report(results);
  } finally {
    await database.stop();
  }
}

/** The same order under a new id (the warm-up writes each batch once per side). */
const fresh = (m: OrderMessage): OrderMessage => ({ ...m, orderId: randomUUID() });

function report(results: readonly Measurement[]): void {
  const rows = results.map((r) => ({
    batch: r.batchSize,
    "write path orders/s": Math.round(r.ordersPerSecond.writePath),
    "write path RT/batch": r.roundTrips.writePath,
    "raw INSERT orders/s": Math.round(r.ordersPerSecond.rawInsert),
    "raw INSERT RT/batch": r.roundTrips.rawInsert,
    "raw 1-msg orders/s": Math.round(r.ordersPerSecond.rawOneMessage),
    "raw 1-msg RT/batch": r.roundTrips.rawOneMessage,
    "write/raw INSERT": (r.ordersPerSecond.writePath / r.ordersPerSecond.rawInsert).toFixed(2),
    "write/raw 1-msg": (r.ordersPerSecond.writePath / r.ordersPerSecond.rawOneMessage).toFixed(2),
  }));
  process.stdout.write(
    `\nworker write path vs raw inserts of the same rows: ${ITEMS_PER_ORDER} items/order, one connection per ` +
      `side, sides interleaved in ${SLICES} slices, orders per side and batch size: ` +
      `${BATCH_SIZES.map(ordersFor).join("/")} ` +
      `(RT = network round trips, counted on the wire)\n`,
  );
  console.table(rows);
  // The same figures, machine-readable, for `npm run bench -- efficiency` to keep in its result file.
  process.stdout.write(
    `figures: ${JSON.stringify({ itemsPerOrder: ITEMS_PER_ORDER, measurements: results })}\n`,
  );
  const at10 = results.find((r) => r.batchSize === 10);
  if (!at10) return;
  const limit = Math.max(at10.ordersPerSecond.rawInsert, at10.ordersPerSecond.rawOneMessage);
  const ratio = at10.ordersPerSecond.writePath / limit;
  process.stdout.write(
    `summary: batch 10 → ${Math.round(at10.ordersPerSecond.writePath)} orders/s through the write path = ` +
      `${ratio.toFixed(2)} x the faster raw limit (${Math.round(limit)} orders/s); target >= 0.60 ` +
      `${ratio >= 0.6 ? "met" : "NOT met"}; write path round trips per batch ` +
      `${results.map((r) => r.roundTrips.writePath).join("/")} for batch sizes ${BATCH_SIZES.join("/")}\n`,
  );
}

await main();
