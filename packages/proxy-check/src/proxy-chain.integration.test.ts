import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import { proxyPool } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ProxyChain, startProxyChain } from "./proxy-chain";

let server: PostgresServer;
let chain: ProxyChain;
const user = "relay_client";
const password = "relay-client-pw";

beforeAll(async () => {
  server = await startEmbeddedPostgres({ maxConnections: 40 });
  const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role ${user} login password '${password}'`);
  await admin.end();
  chain = await startProxyChain({ postgresUrl: server.url(), users: [{ user, password }] });
});
afterAll(async () => {
  await chain?.stop();
  await server?.stop();
});

/** Runs `work` on a fresh client session through the chain and returns what the relay saw of it. */
async function session(
  applicationName: string,
  work: (sql: postgres.Sql) => Promise<unknown>,
  options: postgres.Options<Record<string, never>> = {},
) {
  const sql = postgres(chain.url(user, "postgres"), {
    max: 1,
    prepare: false,
    onnotice: () => {},
    connection: { application_name: applicationName },
    ...options,
  });
  try {
    await work(sql);
  } finally {
    await sql.end();
  }
  const seen = chain.relay.sessions().filter((s) => s.applicationName === applicationName);
  expect(seen).toHaveLength(1);
  return seen[0] as NonNullable<(typeof seen)[number]>;
}

describe("the proxy chain", () => {
  it("sizes the pooler from the proxy's settings and names every hop", () => {
    expect(chain.pool?.serverMaxConnections).toBe(40);
    expect(chain.pool?.size).toBe(Math.floor((40 * proxyPool.maxConnectionsPercent) / 100));
    expect(chain.pool?.queueWaitSeconds).toBe(proxyPool.connectionBorrowTimeoutSeconds);
    expect(chain.withoutPooler).toBeUndefined();
    expect(chain.describe()).toMatch(
      /pinning check 127\.0\.0\.1:\d+ → PgBouncer .*transaction pooling.* → PostgreSQL/,
    );
  });

  it("passes traffic through unchanged and does not pin ordinary transactions", async () => {
    const seen = await session("ordinary", async (sql) => {
      const [row] = await sql<{ n: number; t: string }[]>`select ${41}::int + 1 as n, ${"set x"}::text as t`;
      expect(row).toEqual({ n: 42, t: "set x" });
      await sql.begin(async (tx) => {
        await tx`set local statement_timeout = 5000`;
        await tx`select pg_sleep(0)`;
      });
      const big = "x".repeat(100_000);
      const [echo] = await sql<{ len: number }[]>`select length(${big}) as len`;
      expect(echo?.len).toBe(100_000);
    });
    expect(seen.pinnedBy).toBeUndefined();
    expect(seen.encryptionRefused).toBe(false);
    expect(seen.statements).toBeGreaterThanOrEqual(4);
    expect(seen.user).toBe(user);
  });

  it("reports a session SET with the statement that pinned it", async () => {
    const seen = await session("sets-timeout", (sql) => sql`set statement_timeout = 5000`);
    expect(seen.pinnedBy?.statement).toBe("set statement_timeout = 5000");
    expect(seen.pinnedBy?.reasons.map((r) => r.rule)).toEqual(["session-set"]);
    expect(chain.report()).toContain("set statement_timeout = 5000");
    expect(chain.report()).toContain("sets-timeout");
  });

  it("names a labelled client in the report, and the label never reaches PostgreSQL", async () => {
    const sql = postgres(chain.url(user, "postgres", "src/some-file.test.ts"), { max: 1, prepare: false });
    try {
      const [row] = await sql<{ v: string | null }[]>`select current_setting('orders.client', true) as v`;
      expect(row?.v ?? null).toBeNull();
      await sql`select pg_advisory_xact_lock(1)`;
    } finally {
      await sql.end();
    }
    const pinned = chain.pinnedSessions().find((s) => s.label === "src/some-file.test.ts");
    expect(pinned?.pinnedBy?.reasons.map((r) => r.rule)).toEqual(["advisory-lock"]);
    expect(chain.report()).toContain("(src/some-file.test.ts)");
  });

  it("reports named prepared statements (postgres.js's default), not the unnamed ones", async () => {
    const seen = await session("prepares", (sql) => sql`select ${1}::int as n`, { prepare: true });
    expect(seen.pinnedBy?.reasons.map((r) => r.rule)).toEqual(["named-parse"]);
  });

  it("answers an SSLRequest with N so a client that prefers TLS continues in clear text", async () => {
    const seen = await session("prefers-tls", (sql) => sql`select 1`, { ssl: "prefer" });
    expect(seen.encryptionRefused).toBe(true);
    expect(seen.statements).toBeGreaterThanOrEqual(1);
    expect(seen.pinnedBy).toBeUndefined();
  });

  it("counts the pinned sessions in its report", () => {
    const report = chain.report();
    expect(report).toMatch(/^3 of \d+ sessions would have pinned at RDS Proxy:/);
  });
});

describe("the proxy chain on a machine without PgBouncer", () => {
  const missing = "/nonexistent/pgbouncer";

  it("refuses to start by default: the tests run through the pooler", async () => {
    vi.stubEnv("PGBOUNCER_BIN", missing);
    try {
      await expect(
        startProxyChain({ postgresUrl: server.url(), users: [{ user, password }] }),
      ).rejects.toThrow(`PgBouncer is not at PGBOUNCER_BIN (${missing})`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("when allowed, keeps the pinning check in front of PostgreSQL and says the pooler is missing", async () => {
    vi.stubEnv("PGBOUNCER_BIN", missing);
    let direct: ProxyChain;
    try {
      direct = await startProxyChain({
        postgresUrl: server.url(),
        users: [{ user, password }],
        pooler: "if-installed",
      });
    } finally {
      vi.unstubAllEnvs();
    }
    try {
      expect(direct.pooler).toBeUndefined();
      expect(direct.pool).toBeUndefined();
      expect(direct.withoutPooler).toBe("PgBouncer is not installed");
      expect(direct.describe()).toBe(
        `services → pinning check 127.0.0.1:${direct.relay.port} → PostgreSQL 127.0.0.1:${server.port} ` +
          "(no transaction pooler)",
      );
      const sql = postgres(direct.url(user, "postgres", "without-pooler"), {
        max: 1,
        prepare: false,
        onnotice: () => {},
      });
      try {
        // Straight to PostgreSQL: the session's backend is the client's own, and its user is the client's.
        const [row] = await sql<
          { who: string; n: number }[]
        >`select current_user as who, ${41}::int + 1 as n`;
        expect(row).toEqual({ who: user, n: 42 });
        await sql`select pg_advisory_xact_lock(2)`;
      } finally {
        await sql.end();
      }
      const pinned = direct.pinnedSessions().find((s) => s.label === "without-pooler");
      expect(pinned?.pinnedBy?.reasons.map((r) => r.rule)).toEqual(["advisory-lock"]);
    } finally {
      await direct.stop();
    }
  });
});
