import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./databases";
import { type PostgresServer, startEmbeddedPostgres } from "./embedded-server";
import { startPgBouncer } from "./pgbouncer";
import { isRoot } from "./system-user";

let server: PostgresServer;

// initdb and a start: well over the default 10 s when the machine is busy.
beforeAll(async () => {
  server = await startEmbeddedPostgres({ maxConnections: 50 });
}, 60_000);
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

describe("embedded PostgreSQL with a kept data folder", () => {
  // Two starts and an initdb: more than the default 5 s on a busy machine.
  it("keeps its rows and its password across a stop and a new start, and leaves the folder in place", {
    timeout: 60_000,
  }, async () => {
    const dataDir = join(tmpdir(), `orders-pg-kept-${randomBytes(4).toString("hex")}`);
    const options = { dataDir, password: "kept-pw" };
    try {
      const first = await startEmbeddedPostgres(options);
      const sql = postgres(first.url(), { max: 1, onnotice: () => {} });
      await sql`create table kept (value text)`;
      await sql`insert into kept values ('still here')`;
      await sql.end();
      await first.stop();
      expect(existsSync(join(dataDir, "data", "PG_VERSION"))).toBe(true);

      const second = await startEmbeddedPostgres(options);
      expect(second.url()).toContain(":kept-pw@");
      const again = postgres(second.url(), { max: 1 });
      const rows = await again<{ value: string }[]>`select value from kept`;
      await again.end();
      await second.stop();
      expect(rows.map((r) => r.value)).toEqual(["still here"]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("embedded PostgreSQL in a kept data folder someone else prepared", () => {
  const nobody = { uid: 65534, gid: 65534 };

  it("never writes through a link planted where initdb's password file could go", {
    timeout: 60_000,
  }, async () => {
    const dataDir = join(tmpdir(), `orders-pg-planted-${randomBytes(4).toString("hex")}`);
    // A file only its owner may touch, standing for a root-only file outside the folder.
    const victim = `${dataDir}-victim`;
    await writeFile(victim, "original\n", { mode: 0o600 });
    try {
      await mkdir(dataDir, { mode: 0o755 });
      await symlink(victim, join(dataDir, "superuser-password"));
      const before = await stat(victim);
      const server = await startEmbeddedPostgres({ dataDir, password: "planted-pw" });
      await server.stop();
      expect(await readFile(victim, "utf8")).toBe("original\n");
      expect({ uid: (await stat(victim)).uid, mode: (await stat(victim)).mode }).toEqual({
        uid: before.uid,
        mode: before.mode,
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(victim, { force: true });
    }
  });

  it("refuses a folder another user owns, or a link in its place, before initdb", {
    timeout: 60_000,
  }, async () => {
    const dataDir = join(tmpdir(), `orders-pg-foreign-${randomBytes(4).toString("hex")}`);
    try {
      await mkdir(dataDir, { mode: 0o755 });
      // As a normal user, another user's folder is one of root's; as root, one chowned to nobody.
      const foreign = isRoot ? dataDir : "/";
      if (isRoot) await chown(dataDir, nobody.uid, nobody.gid);
      await expect(startEmbeddedPostgres({ dataDir: foreign })).rejects.toThrow(
        /belongs to uid \d+, not to this user/,
      );
      await rm(dataDir, { recursive: true });
      await symlink(tmpdir(), dataDir);
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/is a symbolic link: refusing/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("PgBouncer in transaction mode", () => {
  it("refuses a fixed port that is already taken instead of taking the other server for its own", async () => {
    await expect(
      startPgBouncer({ upstream: server, port: server.port, users: [], poolSize: 1 }),
    ).rejects.toThrow(`port ${server.port} for PgBouncer is already in use`);
  });

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
