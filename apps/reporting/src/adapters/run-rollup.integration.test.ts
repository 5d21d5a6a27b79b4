import { randomUUID } from "node:crypto";
import { createDb, type DbClient } from "@orders/db-client";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays, daysInRange, utcDayOf } from "../domain/utc-day";
import { expectedDailySales, expectedProductSales } from "../testing/expected-sales";
import { ordersArbitrary } from "../testing/order-arbitrary";
import { clearOrders, type FixtureOrder, insertOrders } from "../testing/order-fixtures";
import { runRollup } from "./run-rollup";

let database: TestDatabase;
let admin: postgres.Sql;
let reporting: DbClient;

beforeAll(async () => {
  database = await createTestDatabase("rollup");
  admin = postgres(database.adminUrl, { max: 2, onnotice: () => {} });
  reporting = createDb({ kind: "url", url: database.serviceUrl("reporting") });
});

afterAll(async () => {
  await reporting?.close();
  await admin?.end();
  await database?.drop();
});

beforeEach(async () => {
  await clearOrders(admin);
});

async function dailySalesRows(sql: postgres.Sql) {
  return await sql`
    select day::text as day, orders, units, revenue_cents::int as "revenueCents"
    from daily_sales where orders > 0 order by day`;
}

async function productRows(sql: postgres.Sql) {
  return await sql`
    select day::text as day, sku, units, revenue_cents::int as "revenueCents"
    from daily_product_sales order by day, sku collate "C"`;
}

const end = new Date("2026-11-20T12:00:00Z");
const window = daysInRange(addDays(utcDayOf(end), -5), utcDayOf(end));

describe("runRollup", () => {
  it("equals a direct aggregate of the accepted orders, per UTC day and per product", async () => {
    await fc.assert(
      fc.asyncProperty(ordersArbitrary(end, window.length), async (orders) => {
        await clearOrders(admin);
        await insertOrders(admin, orders);
        const result = await runRollup(reporting.sql, window);

        expect([...(await dailySalesRows(admin))]).toEqual(expectedDailySales(orders));
        expect([...(await productRows(admin))]).toEqual(expectedProductSales(orders));
        expect(result.orders).toBe(orders.filter((o) => o.status === "accepted").length);
        // Every rebuilt day has a row, zero when nothing was sold: that row is what marks it as rolled up.
        const [row] = await admin`select count(*)::int as count from daily_sales`;
        expect(row?.count).toBe(window.length);
      }),
      { numRuns: 25 },
    );
  });

  it("runs the same two statements whatever the number of days and orders", async () => {
    const statements: string[] = [];
    const counted = postgres(database.serviceUrl("reporting"), {
      max: 1,
      prepare: false,
      onnotice: () => {},
      debug: (_connection, query) => statements.push(query),
    });
    try {
      await counted`select 1`; // connection set-up queries are not the rollup's
      statements.length = 0;
      await runRollup(counted, ["2026-11-20"]);
      const oneDay = statements.splice(0);
      await insertOrders(
        admin,
        Array.from({ length: 300 }, (_, i) =>
          accepted(`2026-10-${String(1 + (i % 31)).padStart(2, "0")}T12:00:00Z`, 1, 10),
        ),
      );
      await runRollup(counted, daysInRange("2026-01-01", "2026-12-31"));
      // begin, lock, rollup, commit: nothing per day or per order.
      expect(statements).toHaveLength(oneDay.length);
      expect(statements.filter((q) => /insert into daily_sales/.test(q))).toHaveLength(1);
      expect(oneDay.map((q) => q.trim().split(/\s+/)[0])).toEqual(["begin", "update", "with", "commit"]);
    } finally {
      await counted.end();
    }
  });

  it("touches only the days it is given", async () => {
    const orders: FixtureOrder[] = [
      accepted("2026-11-18T10:00:00Z", 2, 500),
      accepted("2026-11-19T10:00:00Z", 3, 700),
    ];
    await insertOrders(admin, orders);
    await runRollup(reporting.sql, ["2026-11-19"]);
    expect(await admin`select day::text as day from daily_sales`).toEqual([{ day: "2026-11-19" }]);
  });

  it("is idempotent: a second run leaves the same figures", async () => {
    await insertOrders(admin, [
      accepted("2026-11-19T23:59:59.999Z", 2, 1_000),
      accepted("2026-11-20T00:00:00Z", 1, 250),
    ]);
    const first = await runRollup(reporting.sql, window);
    const salesAfterFirst = await dailySalesRows(admin);
    const productsAfterFirst = await productRows(admin);

    const second = await runRollup(reporting.sql, window);
    expect(await dailySalesRows(admin)).toEqual(salesAfterFirst);
    expect(await productRows(admin)).toEqual(productsAfterFirst);
    expect(second).toEqual(first);
    expect(salesAfterFirst).toEqual([
      { day: "2026-11-19", orders: 1, units: 2, revenueCents: 2_000 },
      { day: "2026-11-20", orders: 1, units: 1, revenueCents: 250 },
    ]);
  });

  it("removes product rows whose sales no longer exist", async () => {
    const order = { ...accepted("2026-11-19T08:00:00Z", 1, 100), id: randomUUID() };
    await insertOrders(admin, [order]);
    await runRollup(reporting.sql, window);
    expect(await productRows(admin)).toHaveLength(1);

    await admin`delete from orders where id = ${order.id as string}`;
    const rerun = await runRollup(reporting.sql, window);
    expect(rerun.removedProductRows).toBe(1);
    expect(await productRows(admin)).toEqual([]);
    expect(await dailySalesRows(admin)).toEqual([]);
  });

  it("serialises overlapping runs: both wait, both finish, the figures include every committed order", async () => {
    const first = accepted("2026-11-19T09:00:00Z", 1, 900);
    await insertOrders(admin, [first]);
    const other = createDb({ kind: "url", url: database.serviceUrl("reporting") });
    const holder = await admin.reserve();
    try {
      // Hold the rollup row's lock so the two runs are guaranteed to be in flight at the same time.
      await holder`begin`;
      await holder`select id from rollup_state where id = 1 for update`;
      const runs = [runRollup(reporting.sql, window), runRollup(other.sql, window)];
      await expect.poll(() => waitingRollups(admin), { timeout: 10_000 }).toBe(2);

      // Committed while both runs are queued: whichever runs last must still count it.
      const late = accepted("2026-11-19T09:30:00Z", 4, 100);
      await insertOrders(admin, [late]);
      await holder`commit`;

      const results = await Promise.all(runs);
      expect(results.map((r) => r.orders)).toEqual([2, 2]);
      expect(await dailySalesRows(admin)).toEqual(expectedDailySales([first, late]));
      expect(await productRows(admin)).toEqual(expectedProductSales([first, late]));
    } finally {
      holder.release();
      await other.close();
    }
  });

  it("stays correct when many runs collide with orders being written", async () => {
    const clients = Array.from({ length: 4 }, () =>
      createDb({ kind: "url", url: database.serviceUrl("reporting") }),
    );
    const orders: FixtureOrder[] = [];
    try {
      const writes = (async () => {
        for (let i = 0; i < 20; i++) {
          const batch = [accepted(`2026-11-${i % 2 ? "19" : "20"}T0${i % 10}:00:00Z`, 1 + (i % 3), 100 + i)];
          orders.push(...batch);
          await insertOrders(admin, batch);
        }
      })();
      const rollups = clients.map(async (client) => {
        for (let i = 0; i < 5; i++) await runRollup(client.sql, window);
      });
      await Promise.all([writes, ...rollups]);
      await runRollup(reporting.sql, window);
      expect(await dailySalesRows(admin)).toEqual(expectedDailySales(orders));
      expect(await productRows(admin)).toEqual(expectedProductSales(orders));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

describe("the orders_reporting role", () => {
  it.each([
    [
      "insert into orders",
      (sql: postgres.Sql) => sql`insert into orders (id, customer_id, currency, total_cents,
      status, accepted_at) values (${randomUUID()}, 'c', 'USD', 1, 'accepted', now())`,
    ],
    ["update orders", (sql: postgres.Sql) => sql`update orders set total_cents = 0`],
    ["delete from orders", (sql: postgres.Sql) => sql`delete from orders`],
    [
      "insert into order_items",
      (sql: postgres.Sql) => sql`insert into order_items (order_id, sku, quantity)
      values (${randomUUID()}, 'KB-001', 1)`,
    ],
    ["update products", (sql: postgres.Sql) => sql`update products set stock = 0`],
    ["renumber the rollup_state row", (sql: postgres.Sql) => sql`update rollup_state set id = 2`],
    ["delete the rollup_state row", (sql: postgres.Sql) => sql`delete from rollup_state`],
    ["add a rollup_state row", (sql: postgres.Sql) => sql`insert into rollup_state (id) values (1)`],
  ])("cannot %s", async (_, statement) => {
    await expect(statement(reporting.sql)).rejects.toMatchObject({ code: "42501" });
  });

  it("can read the orders and write the rollups", async () => {
    await expect(reporting.sql`select count(*) from orders`).resolves.toHaveLength(1);
    await expect(runRollup(reporting.sql, ["2026-11-01"])).resolves.toMatchObject({ orders: 0 });
  });
});

function accepted(processedAt: string, quantity: number, unitPriceCents: number): FixtureOrder {
  return {
    status: "accepted",
    processedAt: new Date(processedAt),
    items: [{ sku: "KB-001", quantity, unitPriceCents }],
  };
}

/** Reporting sessions of this database that wait for a lock (the rollup_state row is the only one here). */
async function waitingRollups(sql: postgres.Sql): Promise<number> {
  const [row] = await sql`
    select count(*)::int as waiting from pg_stat_activity
    where usename = 'orders_reporting' and datname = current_database() and wait_event_type = 'Lock'`;
  return row?.waiting ?? 0;
}
