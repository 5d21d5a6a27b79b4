/**
 * Throughput of the worker's write path against a real PostgreSQL, beside the raw limit.
 *
 *   npx tsx apps/order-worker/bench/worker-throughput.ts        (or: npm run bench -w @orders/order-worker)
 *
 * Starts an embedded PostgreSQL 17, migrates it, seeds a catalogue with ample stock, then for batch sizes
 * 1, 10 and 100 (3 items per order) measures orders/s through `processOrderBatch` (lock products, read
 * existing ids, decide, one write statement, commit) over one connection as the worker role, and the same
 * rows written by a bare multi-row INSERT (orders + items in one statement, no locks, no stock) over one
 * connection: the most a single connection could write. Prints a table and a one-line summary.
 * BENCH_SCALE (default 1) multiplies the number of orders per size.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage } from "@orders/contracts";
import { runMigrations, setServiceRolePassword } from "@orders/db";
import { createDb } from "@orders/db-client";
import { createDatabase, startEmbeddedPostgres } from "@orders/local-postgres";
import { serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { processOrderBatch } from "../src/adapters/order-repository";

const BATCH_SIZES = [1, 10, 100] as const;
const ITEMS_PER_ORDER = 3;
const CATALOGUE_SIZE = 300;
const scale = Number(process.env.BENCH_SCALE ?? 1);
const ordersFor = (batchSize: number) =>
  Math.round(scale * (batchSize === 1 ? 1000 : batchSize === 10 ? 5000 : 15000));
const RUNS = 3;

interface Measurement {
  batchSize: number;
  writePathOrdersPerSecond: number;
  writePathRoundTrips: number;
  rawOrdersPerSecond: number;
  rawRoundTrips: number;
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The floor: the same orders and items in one multi-row INSERT statement per batch, nothing else. */
async function rawInsert(sql: postgres.Sql, batch: readonly OrderMessage[]): Promise<void> {
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
  await sql`
    with new_orders as (insert into orders ${sql(orders)})
    insert into order_items ${sql(items)}`;
}

async function countRoundTrips(url: string, run: (sql: postgres.Sql) => Promise<void>): Promise<number> {
  let queries = 0;
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {}, debug: () => queries++ });
  try {
    await sql`select 1`; // connect (and postgres.js's type lookup) outside the count
    queries = 0;
    await run(sql);
    return queries;
  } finally {
    await sql.end();
  }
}

async function main() {
  process.stdout.write("starting embedded PostgreSQL 17...\n");
  const server = await startEmbeddedPostgres();
  try {
    const adminUrl = await createDatabase(server.url(), "orders_bench");
    await runMigrations({ url: adminUrl });
    const password = randomBytes(12).toString("hex");
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await setServiceRolePassword(admin, "worker", password);
    const products = Array.from({ length: CATALOGUE_SIZE }, (_, i) => ({
      sku: skuOf(i),
      name: `Bench product ${i}`,
      currency: "USD",
      price_cents: 100 + i,
      stock: 100_000_000,
    }));
    await admin`insert into products ${admin(products)}`;
    const workerUrl = new URL(adminUrl);
    workerUrl.username = serviceRoles.worker;
    workerUrl.password = password;

    // The worker's real client (createDb: one connection, no prepared statements) as the worker role.
    const client = createDb({ kind: "url", url: workerUrl.toString() }, { applicationName: "bench-worker" });
    const raw = postgres(workerUrl.toString(), { max: 1, prepare: false, onnotice: () => {} });
    await client.sql`select 1`;
    await raw`select 1`;
    // Warm-up: plans, caches, connection.
    for (const batch of batchesOf(makeOrders(500), 10)) {
      await processOrderBatch(client.sql, batch);
      await rawInsert(raw, makeOrders(batch.length));
    }

    const results: Measurement[] = [];
    for (const batchSize of BATCH_SIZES) {
      const count = ordersFor(batchSize);
      const writeRates: number[] = [];
      const rawRates: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Alternate which side runs first so neither always gets the warmer cache.
        const sides = [
          async () => {
            const batches = batchesOf(makeOrders(count), batchSize);
            const seconds = await timed(async () => {
              for (const batch of batches) {
                const outcomes = await processOrderBatch(client.sql, batch);
                if (outcomes.some((o) => o.kind !== "accepted")) throw new Error("bench order not accepted");
              }
            });
            writeRates.push(count / seconds);
          },
          async () => {
            const batches = batchesOf(makeOrders(count), batchSize);
            const seconds = await timed(async () => {
              for (const batch of batches) await rawInsert(raw, batch);
            });
            rawRates.push(count / seconds);
          },
        ];
        for (const side of run % 2 === 0 ? sides : sides.reverse()) await side();
      }
      results.push({
        batchSize,
        writePathOrdersPerSecond: median(writeRates),
        writePathRoundTrips: await countRoundTrips(workerUrl.toString(), async (sql) => {
          await processOrderBatch(sql, makeOrders(batchSize));
        }),
        rawOrdersPerSecond: median(rawRates),
        rawRoundTrips: await countRoundTrips(workerUrl.toString(), (sql) =>
          rawInsert(sql, makeOrders(batchSize)),
        ),
      });
    }
    await Promise.all([client.close(), raw.end(), admin.end()]);
    report(results);
  } finally {
    await server.stop();
  }
}

function report(results: readonly Measurement[]): void {
  const rows = results.map((r) => ({
    "batch size": r.batchSize,
    "write path orders/s": Math.round(r.writePathOrdersPerSecond),
    "round trips/batch": r.writePathRoundTrips,
    "raw INSERT orders/s": Math.round(r.rawOrdersPerSecond),
    "raw round trips/batch": r.rawRoundTrips,
    "write path / raw": (r.writePathOrdersPerSecond / r.rawOrdersPerSecond).toFixed(2),
  }));
  process.stdout.write(
    `\nworker write path vs raw multi-row INSERT: ${ITEMS_PER_ORDER} items/order, one connection, ` +
      `median of ${RUNS} runs, orders per size: ${BATCH_SIZES.map(ordersFor).join("/")}\n`,
  );
  console.table(rows);
  const at10 = results.find((r) => r.batchSize === 10);
  if (at10) {
    const ratio = at10.writePathOrdersPerSecond / at10.rawOrdersPerSecond;
    process.stdout.write(
      `summary: batch 10 → ${Math.round(at10.writePathOrdersPerSecond)} orders/s through the write path, ` +
        `${ratio.toFixed(2)} x the raw limit (${Math.round(at10.rawOrdersPerSecond)} orders/s), target >= 0.60: ` +
        `${ratio >= 0.6 ? "met" : "NOT met"}; round trips per batch ${results.map((r) => r.writePathRoundTrips).join("/")} ` +
        `for batch ${BATCH_SIZES.join("/")}\n`,
    );
  }
}

await main();
