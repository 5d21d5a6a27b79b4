import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./databases";
import { type PostgresServer, startEmbeddedPostgres } from "./embedded-server";
import { startPgBouncer } from "./pgbouncer";

let server: PostgresServer;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ maxConnections: 50 });
});
afterAll(async () => {
  await server?.stop();
});

describe("embedded PostgreSQL", () => {
  it("is a real PostgreSQL 17 server with the requested max_connections", async () => {
    const sql = postgres(server.url(), { max: 1 });
    const [row] = await sql<{ version: string; max: string }[]>`
      select current_setting('server_version') as version, current_setting('max_connections') as max`;
    await sql.end();
    expect(row?.version).toMatch(/^17\./);
    expect(row?.max).toBe("50");
  });

  it("gives each caller its own database", async () => {
    const a = uniqueDatabaseName();
    const b = uniqueDatabaseName();
    expect(a).not.toBe(b);
    const urlA = await createDatabase(server.url(), a);
    const sql = postgres(urlA, { max: 1 });
    const [row] = await sql<{ db: string }[]>`select current_database() as db`;
    await sql.end();
    expect(row?.db).toBe(a);
    await dropDatabase(server.url(), a);
  });
});

describe("PgBouncer in transaction mode", () => {
  it("multiplexes many clients over a pool no larger than configured", async () => {
    const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
    await admin`create role pooled login password 'pooled-pw'`;
    const bouncer = await startPgBouncer({
      upstream: server,
      users: [{ user: "pooled", password: "pooled-pw" }],
      poolSize: 2,
    });
    try {
      const clients = Array.from({ length: 12 }, () =>
        postgres(bouncer.url("pooled", "postgres"), { max: 1, prepare: false }),
      );
      let peak = 0;
      await Promise.all(
        clients.map(async (sql) => {
          await sql`select pg_sleep(0.05)`;
          const [row] = await admin<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity where usename = 'pooled'`;
          peak = Math.max(peak, row?.n ?? 0);
        }),
      );
      await Promise.all(clients.map((sql) => sql.end()));
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(2);
    } finally {
      await bouncer.stop();
      await admin.end();
    }
  });
});
