import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { deadlines, orderFlow, serviceRoles } from "@orders/settings";
import { is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import journal from "../migrations/meta/_journal.json" with { type: "json" };
import { runMigrations } from "./migrate";
import * as schema from "./schema";
import { seedDemoCatalogue } from "./seed";

let database: TestDatabase;
let admin: postgres.Sql;
const connections: postgres.Sql[] = [];

function connectAs(service: keyof typeof serviceRoles): postgres.Sql {
  const sql = postgres(database.serviceUrl(service), { max: 1, prepare: false, onnotice: () => {} });
  connections.push(sql);
  return sql;
}

/** Runs `statement` and returns the SQLSTATE it failed with, or "ok". */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";
const MUST_BE_OWNER = "42501";

beforeAll(async () => {
  database = await createTestDatabase("roles");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
              values (${randomUUID()}, 'c-1', 'USD', 100, 'accepted', now())`;
});

afterAll(async () => {
  await Promise.all(connections.map((sql) => sql.end()));
  await admin.end();
  await database.drop();
});

describe("migrations", () => {
  it("give the API and reporting roles the server-side limits of their deadlines in settings", async () => {
    const limits = async (service: keyof typeof serviceRoles) => {
      const rows = await connectAs(service)<{ name: string; setting: string }[]>`
        select name, setting from pg_settings where name in ('statement_timeout', 'lock_timeout')`;
      return Object.fromEntries(rows.map((r) => [r.name, Number(r.setting)]));
    };
    expect((await limits("api")).statement_timeout).toBe(deadlines.apiDatabaseReadMs);
    expect((await limits("reportingHttp")).statement_timeout).toBe(deadlines.reportingDatabaseReadMs);
    expect(await limits("reporting")).toEqual({
      lock_timeout: deadlines.rollupLockTimeoutMs,
      statement_timeout: deadlines.rollupStatementTimeoutMs,
    });
    // The worker's statements end before it gives up on the batch.
    expect((await limits("worker")).statement_timeout).toBeLessThan(
      orderFlow.workerTimeoutSeconds * 1000 - deadlines.workerBatchMarginMs,
    );
  });

  it("create exactly the service roles named in settings, as plain login roles", async () => {
    const rows = await admin<
      { rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcanlogin: boolean }[]
    >`
      select rolname, rolsuper, rolcreaterole, rolcanlogin from pg_roles
      where rolname like 'orders\\_%' order by rolname`;
    expect(rows.map((r) => r.rolname)).toEqual(Object.values(serviceRoles).sort());
    for (const row of rows)
      expect(row).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcanlogin: true });
  });

  it("are idempotent and safe to run concurrently", async () => {
    await Promise.all([runMigrations({ url: database.adminUrl }), runMigrations({ url: database.adminUrl })]);
    const [row] = await admin<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    const [tables] = await admin<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(row?.n).toBe(journal.entries.length);
    expect(tables?.n).toBe(Object.values(schema).filter((value) => is(value, PgTable)).length);
  });

  it("give the worker a statement timeout well inside the worker's Lambda timeout", async () => {
    // As the worker logs in, read through the server, which applies the role default and its unit ('10s',
    // '10000', '1min'): pg_settings reports statement_timeout in milliseconds, with the unit beside it.
    const [row] = await connectAs("worker")<{ setting: string; unit: string; source: string }[]>`
      select setting, unit, source from pg_settings where name = 'statement_timeout'`;
    expect(row).toMatchObject({ unit: "ms", source: "user" });
    const ms = Number(row?.setting);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(orderFlow.workerTimeoutSeconds * 1000);
  });
});

describe("api role", () => {
  it("reads products, orders and items", async () => {
    const api = connectAs("api");
    expect((await api`select sku from products`).length).toBeGreaterThan(0);
    expect((await api`select id, customer_id from orders`).length).toBe(1);
    expect(await outcome(() => api`select * from order_items`)).toBe("ok");
  });

  it("is refused every write and all DDL", async () => {
    const api = connectAs("api");
    expect(await outcome(() => api`update products set stock = stock - 1 where sku = 'KB-001'`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(
      await outcome(
        () => api`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
                  values (${randomUUID()}, 'c', 'USD', 1, 'accepted', now())`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => api`delete from orders`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => api`select * from daily_sales`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => api`drop table orders`)).toBe(MUST_BE_OWNER);
    expect(await outcome(() => api`alter table products add column x int`)).toBe(MUST_BE_OWNER);
    expect(await outcome(() => api`create table mine (id int)`)).toBe(INSUFFICIENT_PRIVILEGE);
  });
});

describe("worker role", () => {
  it("prices from the catalogue, decrements stock and records orders with items", async () => {
    const worker = connectAs("worker");
    const id = randomUUID();
    await worker.begin(async (tx) => {
      const [product] = await tx<{ price_cents: string; stock: number }[]>`
        select price_cents, stock from products where sku = 'KB-001' for update`;
      expect(product?.stock).toBeGreaterThan(0);
      await tx`update products set stock = stock - 1, updated_at = now() where sku = 'KB-001'`;
      await tx`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
               values (${id}, 'c-2', 'USD', ${product?.price_cents ?? 0}, 'accepted', now())`;
      await tx`insert into order_items (order_id, sku, quantity, unit_price_cents)
               values (${id}, 'KB-001', 1, ${product?.price_cents ?? 0})`;
    });
    const existing = await worker`select id from orders where id = ${id}`;
    expect(existing).toHaveLength(1);
  });

  it("is refused anything beyond its job", async () => {
    const worker = connectAs("worker");
    expect(await outcome(() => worker`update products set price_cents = 1 where sku = 'KB-001'`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await outcome(() => worker`select customer_id from orders`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => worker`update orders set status = 'rejected'`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => worker`delete from order_items`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await outcome(() => worker`insert into products (sku, name, price_cents, stock) values ('x','x',1,1)`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await outcome(
        () => worker`insert into daily_sales (day, orders, units, revenue_cents) values (now(), 1, 1, 1)`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => worker`drop table order_items`)).toBe(MUST_BE_OWNER);
    expect(await outcome(() => worker`truncate orders`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("records a batch through record_order_batch, which only the worker may call", async () => {
    const id = randomUUID();
    const call = (sql: postgres.Sql) =>
      sql.unsafe(`select outcome, total_cents from record_order_batch(
        array['${id}']::uuid[], array['c-3'], array['USD'], array[now()], array['KB-001'], array[1], array[1], array[1])`);
    // The other roles would also be refused the tables the function touches, so ask about the function itself
    // (this counts grants to PUBLIC, the default for a new function).
    const signature =
      "record_order_batch(uuid[], text[], text[], timestamptz[], text[], int[], int[], int[])";
    const [canExecute] = await admin<{ api: boolean; worker: boolean; reporting: boolean }[]>`
      select has_function_privilege(${serviceRoles.api}, ${signature}, 'EXECUTE') as api,
             has_function_privilege(${serviceRoles.worker}, ${signature}, 'EXECUTE') as worker,
             has_function_privilege(${serviceRoles.reporting}, ${signature}, 'EXECUTE') as reporting`;
    expect(canExecute).toEqual({ api: false, worker: true, reporting: false });
    expect(await outcome(() => call(connectAs("api")))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => call(connectAs("reporting")))).toBe(INSUFFICIENT_PRIVILEGE);
    const [price] = await admin<
      { price_cents: string }[]
    >`select price_cents from products where sku = 'KB-001'`;
    expect(await call(connectAs("worker"))).toEqual([
      { outcome: "accepted", total_cents: price?.price_cents },
    ]);
    const [order] = await admin<{ status: string }[]>`select status from orders where id = ${id}`;
    expect(order?.status).toBe("accepted");
  });

  it("cannot oversell: the database refuses negative stock", async () => {
    const worker = connectAs("worker");
    const check = await outcome(
      () => worker`update products set stock = stock - 1000000 where sku = 'LP-009'`,
    );
    expect(check).toBe("23514");
    const [row] = await admin<{ stock: number }[]>`select stock from products where sku = 'LP-009'`;
    expect(row?.stock).toBe(5);
  });
});

describe("reporting role", () => {
  it("reads the write model and maintains the rollups", async () => {
    const reporting = connectAs("reporting");
    expect(
      await outcome(() => reporting`select count(*) from orders join order_items on order_id = id`),
    ).toBe("ok");
    await reporting`insert into daily_sales (day, orders, units, revenue_cents) values ('2026-01-01', 1, 2, 300)
                    on conflict (day) do update set orders = excluded.orders`;
    await reporting`insert into daily_product_sales (day, sku, units, revenue_cents) values ('2026-01-01', 'KB-001', 2, 300)`;
    await reporting`delete from daily_product_sales where day = '2026-01-01'`;
    expect((await reporting`select * from daily_sales`).length).toBe(1);
  });

  it("cannot write orders, stock or the schema", async () => {
    const reporting = connectAs("reporting");
    expect(
      await outcome(
        () => reporting`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
                        values (${randomUUID()}, 'c', 'USD', 1, 'accepted', now())`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => reporting`update products set stock = 0`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => reporting`delete from orders`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(() => reporting`drop table daily_sales`)).toBe(MUST_BE_OWNER);
    expect(await outcome(() => reporting`alter table daily_sales add column x int`)).toBe(MUST_BE_OWNER);
  });
});

describe("reporting HTTP role", () => {
  const READ_ONLY_TRANSACTION = "25006";

  it("reads the reports' tables and the write model", async () => {
    const http = connectAs("reportingHttp");
    for (const table of ["daily_sales", "daily_product_sales", "orders", "order_items", "products"]) {
      expect(await outcome(() => http.unsafe(`select * from ${table} limit 1`)), table).toBe("ok");
    }
  });

  it("can write nothing: no privilege on the report tables or rollup_state, and read-only transactions", async () => {
    const privileges = await admin<{ table_name: string; privilege: string }[]>`
      select table_name, privilege from unnest(array['daily_sales', 'daily_product_sales', 'rollup_state',
        'orders', 'order_items', 'products']) as table_name,
        unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as privilege
      where has_table_privilege(${serviceRoles.reportingHttp}, table_name, privilege)`;
    expect(privileges).toEqual([]);
    const http = connectAs("reportingHttp");
    for (const write of [
      "insert into daily_sales (day, orders, units, revenue_cents) values ('2026-01-01', 1, 1, 1)",
      "update daily_product_sales set units = 0",
      "delete from daily_sales",
      "update rollup_state set last_run_at = now()",
      "update products set stock = 0",
    ]) {
      expect([READ_ONLY_TRANSACTION, INSUFFICIENT_PRIVILEGE], write).toContain(
        await outcome(() => http.unsafe(write)),
      );
    }
    expect(await outcome(() => http`select * from rollup_state`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("has a statement longer than the report read deadline cancelled by the server", async () => {
    const http = connectAs("reportingHttp");
    const started = performance.now();
    const seconds = deadlines.reportingDatabaseReadMs / 1000 + 2;
    expect(await outcome(() => http.unsafe(`select pg_sleep(${seconds})`))).toBe("57014");
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(deadlines.reportingDatabaseReadMs - 50);
    expect(elapsed).toBeLessThan(seconds * 1000);
  });
});

describe("schema constraints", () => {
  it("requires a rejection reason exactly when an order is rejected", async () => {
    const insert = (status: string, reason: string | null) =>
      outcome(
        () => admin`insert into orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at)
                    values (${randomUUID()}, 'c', 'USD', 0, ${status}, ${reason}, now())`,
      );
    expect(await insert("rejected", null)).toBe("23514");
    expect(await insert("accepted", "unknown_sku:x")).toBe("23514");
    expect(await insert("rejected", "unknown_sku:x")).toBe("ok");
  });
});
