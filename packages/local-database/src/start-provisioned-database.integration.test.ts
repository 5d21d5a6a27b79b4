import { createServer, type Server } from "node:net";
import {
  isListening,
  type PostgresServer,
  startEmbeddedPostgres,
  uniqueDatabaseName,
} from "@orders/local-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvisionedDatabase } from "./start-provisioned-database";

// Every server these tests start is tracked, so none outlives the run even when an assertion fails.
const started: PostgresServer[] = [];
let shared: PostgresServer;
let occupied: Server;

beforeAll(async () => {
  // A server that outlives the databases on it, as a `DATABASE_URL` one does.
  shared = await startTracked();
  occupied = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => occupied.once("listening", resolve));
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop().catch(() => {})));
  occupied?.close();
});

async function startTracked(): Promise<PostgresServer> {
  const server = await startEmbeddedPostgres();
  started.push(server);
  return server;
}

async function databaseExists(name: string): Promise<boolean> {
  const sql = postgres(shared.url(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await sql.end();
  }
}

function portOf(server: PostgresServer | undefined): number {
  if (!server) throw new Error("the server was never started");
  return server.port;
}

describe("startProvisionedDatabase", () => {
  it("stops the server it started when provisioning fails at its first step", async () => {
    let server: PostgresServer | undefined;
    // `postgres` exists on every server: creating it anew fails before anything is migrated.
    const attempt = startProvisionedDatabase(
      async () => {
        server = await startTracked();
        return server;
      },
      { database: "postgres", create: "new" },
    );
    await expect(attempt).rejects.toThrow(/already exists/);
    expect(await isListening(portOf(server))).toBe(false);
  });

  it("stops the server it started when provisioning fails at its last step, the chain", async () => {
    let server: PostgresServer | undefined;
    const busyPort = (occupied.address() as { port: number }).port;
    const attempt = startProvisionedDatabase(
      async () => {
        server = await startTracked();
        return server;
      },
      { chain: { pooler: "required", port: busyPort } },
    );
    await expect(attempt).rejects.toThrow(/EADDRINUSE/);
    expect(await isListening(portOf(server))).toBe(false);
  });

  it("stops the server it started when the step before provisioning fails", async () => {
    let server: PostgresServer | undefined;
    const attempt = startProvisionedDatabase(
      async () => {
        server = await startTracked();
        return server;
      },
      async () => {
        throw new Error("the kept cluster refused the password");
      },
    );
    await expect(attempt).rejects.toThrow("the kept cluster refused the password");
    expect(await isListening(portOf(server))).toBe(false);
  });

  it("provisions on the server it started, and stop closes the chain before the server", async () => {
    let chainOpenWhenServerStopped: boolean | undefined;
    let chainPort = 0;
    const database = await startProvisionedDatabase(
      async () => {
        const server = await startTracked();
        return {
          ...server,
          url: server.url,
          stop: async () => {
            chainOpenWhenServerStopped = await isListening(chainPort);
            await server.stop();
          },
        };
      },
      { services: ["api"], chain: { pooler: "required" } },
    );
    chainPort = database.chain.relay.port;
    const api = postgres(database.serviceUrl("api"), { max: 1, prepare: false, onnotice: () => {} });
    try {
      const [row] = await api<{ user: string; products: number }[]>`
        select current_user as user, (select count(*)::int from products) as products`;
      expect(row?.user).toBe("orders_api");
      expect(row?.products).toBeGreaterThan(0);
    } finally {
      await api.end();
    }
    expect(await isListening(database.server.port)).toBe(true);
    expect(await isListening(chainPort)).toBe(true);

    await database.stop();
    expect(chainOpenWhenServerStopped).toBe(false);
    expect(await isListening(chainPort)).toBe(false);
    expect(await isListening(database.server.port)).toBe(false);
  });

  it("drops the database on stop when asked, and keeps it otherwise, on a server that outlives it", async () => {
    // As `usePostgres` hands over a `DATABASE_URL` server: stopping it leaves it running.
    const outliving = async () => ({ adminUrl: shared.url(), stop: async () => {} });
    const dropped = await startProvisionedDatabase(outliving, {
      database: uniqueDatabaseName("dropped"),
      services: ["reporting"],
      dropOnStop: true,
    });
    const kept = await startProvisionedDatabase(outliving, {
      database: uniqueDatabaseName("kept"),
      services: ["reporting"],
    });
    expect(await databaseExists(dropped.name)).toBe(true);
    await dropped.stop();
    await kept.stop();
    expect(await databaseExists(dropped.name)).toBe(false);
    expect(await databaseExists(kept.name)).toBe(true);
  });
});
