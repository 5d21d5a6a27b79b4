import { randomUUID } from "node:crypto";
import { findOrderWithItems, ordersTable, productsTable, seedDemoCatalogue } from "@orders/db";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { type PgBouncer, startPgBouncer } from "@orders/local-postgres";
import { serviceRoles } from "@orders/settings";
import { sql as dsql, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbClient, lazyDb } from "./create-db";
import { renewableDb } from "./deadline";
import { drizzleOf } from "./drizzle";

let database: TestDatabase;
let pooler: PgBouncer;
const POOL_SIZE = 3;

beforeAll(async () => {
  database = await createTestDatabase("client");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin.end();
  // A pooler of this test's own, straight in front of PostgreSQL (the run's chain has one already).
  const workerUrl = new URL(database.serviceUrl("worker"));
  const server = new URL(database.adminUrl);
  pooler = await startPgBouncer({
    upstream: { host: server.hostname, port: Number(server.port) },
    users: [{ user: serviceRoles.worker, password: decodeURIComponent(workerUrl.password) }],
    poolSize: POOL_SIZE,
  });
});

afterAll(async () => {
  await pooler.stop();
  await database.drop();
});

/** One worker-like unit of work: lock a product, decrement its stock, record an accepted order. */
async function placeOrder(client: DbClient, sku: string): Promise<string> {
  const id = randomUUID();
  await drizzleOf(client).transaction(async (tx) => {
    const [product] = await tx
      .select({ price: productsTable.priceCents })
      .from(productsTable)
      .where(eq(productsTable.sku, sku))
      .for("update");
    if (!product) throw new Error(`no product ${sku}`);
    await tx
      .update(productsTable)
      .set({ stock: dsql`${productsTable.stock} - 1` })
      .where(eq(productsTable.sku, sku));
    await tx.insert(ordersTable).values({
      id,
      customerId: "c-1",
      currency: "USD",
      totalCents: product.price,
      status: "accepted",
      acceptedAt: new Date(),
    });
  });
  return id;
}

async function stockOf(sku: string): Promise<number> {
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ stock: number }[]>`select stock from products where sku = ${sku}`;
    return row?.stock ?? Number.NaN;
  } finally {
    await admin.end();
  }
}

describe("createDb", () => {
  it("runs typed queries and transactions directly against PostgreSQL as the service's role", async () => {
    const client = createDb(
      { kind: "url", url: database.serviceUrl("worker") },
      { applicationName: "direct" },
    );
    try {
      const before = await stockOf("KB-001");
      await placeOrder(client, "KB-001");
      expect(await stockOf("KB-001")).toBe(before - 1);
      const [who] = await client.sql<{ user: string }[]>`select current_user as user`;
      expect(who?.user).toBe(serviceRoles.worker);
    } finally {
      await client.close();
    }
  });

  it("holds exactly one server connection however many queries it runs", async () => {
    const client = createDb(
      { kind: "url", url: database.serviceUrl("worker") },
      { applicationName: "one-conn" },
    );
    try {
      await Promise.all(Array.from({ length: 20 }, () => client.sql`select pg_sleep(0.005)`));
      const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
      const [row] = await admin<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = 'one-conn'`;
      await admin.end();
      expect(row?.n).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("through a transaction-mode pooler, concurrent plain and parameterised reads on one container all answer", async () => {
    // A transaction pooler hands the server connection back at each idle ReadyForQuery: a parameterised
    // statement pipelined behind a finished one lost its answers there and its caller waited forever, about
    // once in 75 rounds, until renewableDb ran one call at a time. 150 rounds catch it nearly always.
    for (let round = 0; round < 150; round++) {
      const container = renewableDb(() =>
        createDb(
          { kind: "url", url: pooler.url(serviceRoles.worker, database.name) },
          { applicationName: `pipeline-${round}` },
        ),
      );
      try {
        const reads = await Promise.allSettled([
          ...Array.from({ length: 4 }, () => container.within(5_000, (c) => c.sql`select 1 as one`)),
          ...Array.from({ length: 4 }, () =>
            container.within(5_000, (c) => c.sql`select id from orders where id = ${randomUUID()}`),
          ),
        ]);
        expect(
          reads.map((r) => r.status),
          `round ${round}`,
        ).toEqual(Array(8).fill("fulfilled"));
      } finally {
        await container.close();
      }
    }
  });

  it("through a transaction-mode pooler, many short-lived instances share a small pool without errors", async () => {
    const instances = 40;
    const before = await stockOf("MS-002");
    const results = await Promise.allSettled(
      Array.from({ length: instances }, async (_, i) => {
        // Each "Lambda instance" creates its own client, as a container would, does its work, and goes away.
        const client = createDb(
          { kind: "url", url: pooler.url(serviceRoles.worker, database.name) },
          { applicationName: `i${i}` },
        );
        try {
          const id = await placeOrder(client, "MS-002");
          // Parameterised reads in and out of transactions: no statement may survive across transactions.
          const [found] = await drizzleOf(client)
            .select({ id: ordersTable.id })
            .from(ordersTable)
            .where(eq(ordersTable.id, id));
          await client.sql`select ${i}::int as n, ${"text"}::text as t`;
          return found?.id;
        } finally {
          await client.close();
        }
      }),
    );
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    expect(await stockOf("MS-002")).toBe(before - instances);
  });

  it("relies on no session state through the pooler (no named prepared statements)", async () => {
    // Two clients interleave many distinct parameterised statements over a pool smaller than the client count.
    const clients = Array.from({ length: POOL_SIZE * 3 }, () =>
      createDb({ kind: "url", url: pooler.url(serviceRoles.worker, database.name) }),
    );
    try {
      const rounds = await Promise.all(
        clients.map(async (client, c) => {
          const seen: number[] = [];
          for (let round = 0; round < 10; round++) {
            const rows = await drizzleOf(client)
              .select({ sku: productsTable.sku })
              .from(productsTable)
              .where(eq(productsTable.sku, round % 2 === 0 ? "KB-001" : "CB-010"));
            const [n] = await client.sql<{ n: number }[]>`select ${c * 100 + round}::int as n`;
            seen.push(rows.length + (n?.n ?? 0));
          }
          return seen;
        }),
      );
      expect(rounds).toEqual(clients.map((_, c) => Array.from({ length: 10 }, (_, r) => 1 + c * 100 + r)));
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  it("reads an order with its items in one typed query", async () => {
    const client = createDb({ kind: "url", url: database.adminUrl });
    try {
      const id = await placeOrder(client, "HS-004");
      const order = await findOrderWithItems(drizzleOf(client), id);
      expect(order).toMatchObject({ id, status: "accepted", customerId: "c-1", items: [] });
      expect(await findOrderWithItems(drizzleOf(client), randomUUID())).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});

describe("createDb's type handling", () => {
  it("reads dates and times as PostgreSQL's text, the same before and after Drizzle wraps the client", async () => {
    // As the owner: the test writes an order and reads it back, which no one service role may do alone.
    const client = createDb({ kind: "url", url: database.adminUrl });
    const readRaw = () => client.sql<Record<"at" | "day" | "local" | "clock", unknown>[]>`
      select '2026-01-02 03:04:05+00'::timestamptz as at, '2026-01-02'::date as day,
             '2026-01-02 03:04:05'::timestamp as local, '03:04:05'::time as clock`;
    try {
      const [before] = await readRaw();
      expect(before).toMatchObject({ day: "2026-01-02", local: "2026-01-02 03:04:05", clock: "03:04:05" });
      expect(typeof before?.at).toBe("string");
      // Drizzle's column types parse that text themselves: its timestamp columns still read as dates.
      const id = await placeOrder(client, "WC-005");
      const [order] = await drizzleOf(client)
        .select({ acceptedAt: ordersTable.acceptedAt })
        .from(ordersTable)
        .where(eq(ordersTable.id, id));
      expect(order?.acceptedAt).toBeInstanceOf(Date);
      const [after] = await readRaw();
      expect(after).toEqual(before);
    } finally {
      await client.close();
    }
  });
});

describe("lazyDb", () => {
  it("creates the client on first use and reuses it across invocations", async () => {
    let created = 0;
    const getDb = lazyDb(() => {
      created++;
      return createDb({ kind: "url", url: database.serviceUrl("api") });
    });
    expect(created).toBe(0);
    const first = getDb();
    await first.sql`select 1`;
    expect(getDb()).toBe(first);
    expect(created).toBe(1);
    await first.close();
  });
});
