import { findFreePort, type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { classifyDbError } from "./errors";

let server: PostgresServer;
const MAX_CONNECTIONS = 4;

beforeAll(async () => {
  server = await startEmbeddedPostgres({
    maxConnections: MAX_CONNECTIONS,
    settings: { superuser_reserved_connections: 0, reserved_connections: 0 },
  });
});
afterAll(async () => {
  await server?.stop();
});

async function failureOf(run: () => Promise<unknown>) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return classifyDbError(error);
}

describe("classifyDbError on real failures", () => {
  it("a refused connection is a retryable connection failure", async () => {
    const port = await findFreePort();
    const sql = postgres(`postgres://x:y@127.0.0.1:${port}/db`, { max: 1, connect_timeout: 2 });
    expect(await failureOf(() => sql`select 1`)).toMatchObject({ kind: "connection", retryable: true });
    await sql.end();
  });

  it("a wrong password is an authentication failure, not retried", async () => {
    const sql = postgres(`postgres://postgres:wrong@127.0.0.1:${server.port}/postgres`, { max: 1 });
    expect(await failureOf(() => sql`select 1`)).toEqual({
      kind: "authentication",
      retryable: false,
      code: "28P01",
    });
    await sql.end();
  });

  it("too many connections is retryable capacity pressure", async () => {
    const holders = Array.from({ length: MAX_CONNECTIONS }, () => postgres(server.url(), { max: 1 }));
    try {
      await Promise.all(holders.map((sql) => sql`select 1`));
      const extra = postgres(server.url(), { max: 1 });
      expect(await failureOf(() => extra`select 1`)).toEqual({
        kind: "capacity",
        retryable: true,
        code: "53300",
      });
      await extra.end();
    } finally {
      await Promise.all(holders.map((sql) => sql.end()));
    }
  });

  it("a statement timeout is retryable; a constraint violation is permanent", async () => {
    const sql = postgres(server.url(), { max: 1 });
    try {
      expect(
        await failureOf(() =>
          sql.begin(async (tx) => {
            await tx`set local statement_timeout = 50`;
            await tx`select pg_sleep(1)`;
          }),
        ),
      ).toEqual({ kind: "timeout", retryable: true, code: "57014" });
      await sql`create temp table t (n int check (n > 0))`;
      expect(await failureOf(() => sql`insert into t values (0)`)).toEqual({
        kind: "permanent",
        retryable: false,
        code: "23514",
      });
    } finally {
      await sql.end();
    }
  });

  it("a server restart mid-session is a retryable connection failure", async () => {
    const sql = postgres(server.url(), { max: 1 });
    try {
      await sql`select 1`;
      const inFlight = sql`select pg_sleep(10)`.then(
        () => undefined,
        (e: unknown) => e,
      );
      // The restart must find the statement running on the server, not still on its way there.
      const observer = postgres(server.url(), { max: 1 });
      try {
        await vi.waitFor(
          async () => {
            const [row] = await observer<{ n: number }[]>`
              select count(*)::int as n from pg_stat_activity
              where state = 'active' and query = 'select pg_sleep(10)'`;
            expect(row?.n).toBe(1);
          },
          { timeout: 10_000, interval: 20 },
        );
      } finally {
        await observer.end();
      }
      await server.restart();
      expect(classifyDbError(await inFlight)).toMatchObject({ kind: "connection", retryable: true });
      // The server's "terminating connection" (57P01) may surface on the next call; whatever surfaces is
      // retryable, and the same client recovers by reconnecting.
      let recovered = false;
      for (let attempt = 0; attempt < 3 && !recovered; attempt++) {
        try {
          await sql`select 1`;
          recovered = true;
        } catch (error) {
          expect(classifyDbError(error)).toMatchObject({ kind: "connection", retryable: true });
        }
      }
      expect(recovered).toBe(true);
    } finally {
      await sql.end();
    }
  });

  it("sees through Drizzle's wrapper to the driver's code", async () => {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { sql: raw } = await import("drizzle-orm");
    const client = postgres(server.url(), { max: 1 });
    try {
      const db = drizzle(client);
      const error = await db.execute(raw`select 1/0`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBeUndefined();
      expect(classifyDbError(error)).toEqual({ kind: "permanent", retryable: false, code: "22012" });
      const timeout = await db
        .transaction(async (tx) => {
          await tx.execute(raw`set local statement_timeout = 20`);
          await tx.execute(raw`select pg_sleep(1)`);
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(classifyDbError(timeout)).toEqual({ kind: "timeout", retryable: true, code: "57014" });
    } finally {
      await client.end();
    }
  });

  it("classifies by code alone: deadlocks and serialization failures retry, unknown errors do not", () => {
    expect(classifyDbError({ code: "40P01" })).toMatchObject({ kind: "conflict", retryable: true });
    expect(classifyDbError({ code: "40001" })).toMatchObject({ kind: "conflict", retryable: true });
    expect(classifyDbError({ code: "57P01" })).toMatchObject({ kind: "connection", retryable: true });
    expect(classifyDbError(new Error("boom"))).toEqual({
      kind: "permanent",
      retryable: false,
      code: undefined,
    });
  });
});
