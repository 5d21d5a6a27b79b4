import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultMigrationsFolder, demoCatalogue } from "@orders/db";
import { type PostgresServer, startEmbeddedPostgres, uniqueDatabaseName } from "@orders/local-postgres";
import { serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProvisionedDatabase, provisionDatabase } from "./provision-database";

// Its own server: service roles are cluster-wide, and provisioning gives them new passwords, which would lock
// out the other test files of a shared server.
let server: PostgresServer;
const opened: postgres.Sql[] = [];
const provisioned: ProvisionedDatabase[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres({ maxConnections: 40 });
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((sql) => sql.end()));
  for (const database of provisioned) await database.stop();
  await server?.stop();
});

function connect(url: string): postgres.Sql {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  opened.push(sql);
  return sql;
}

async function provision(options: Omit<Parameters<typeof provisionDatabase>[0], "serverUrl">) {
  const database = await provisionDatabase({ serverUrl: server.url(), ...options });
  provisioned.push(database);
  return database;
}

async function stockOf(sql: postgres.Sql, sku: string): Promise<number | undefined> {
  const [row] = await sql<{ stock: number }[]>`select stock from products where sku = ${sku}`;
  return row?.stock;
}

describe("provisionDatabase", () => {
  it("migrates, seeds and puts every service role behind the chain, logged in as itself", async () => {
    const database = await provisionDatabase({
      serverUrl: server.url(),
      database: uniqueDatabaseName("provision"),
      chain: { pooler: "required" },
    });
    provisioned.push(database);
    const journal = JSON.parse(await readFile(join(defaultMigrationsFolder, "meta/_journal.json"), "utf8"));
    const admin = connect(database.adminUrl);
    const [applied] = await admin<
      { n: number }[]
    >`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(applied?.n).toBe(journal.entries.length);
    expect(database.seeded).toBe(true);

    expect(database.chain.describe()).toMatch(/pinning check .* → PgBouncer .* → PostgreSQL/);
    for (const service of Object.keys(serviceRoles) as (keyof typeof serviceRoles)[]) {
      const url = new URL(database.serviceUrl(service));
      expect(url.port).toBe(String(database.chain.relay.port));
      const sql = connect(url.toString());
      const [row] = await sql<{ user: string }[]>`select current_user as user`;
      expect(row?.user).toBe(serviceRoles[service]);
    }
    const api = connect(database.serviceUrl("api"));
    const [catalogue] = await api<{ n: number }[]>`select count(*)::int as n from products`;
    expect(catalogue?.n).toBe(demoCatalogue.length);
    // The chain labels each service's sessions with its name in the pinning report.
    expect(database.chain.relay.sessions().map((s) => s.label)).toEqual(expect.arrayContaining(["api"]));
    expect(database.chain.pinnedSessions()).toEqual([]);
  });

  it("keeps a kept database and loads the demo catalogue only into an empty one", async () => {
    const name = uniqueDatabaseName("kept");
    const passwords = { api: "given-api-password", worker: "given-worker-password" };
    const first = await provision({
      database: name,
      create: "if-missing",
      services: ["api", "worker"],
      passwords,
      demoCatalogue: "if-empty",
    });
    expect(first.seeded).toBe(true);
    const admin = connect(first.adminUrl);
    await admin`update products set stock = 7 where sku = 'KB-001'`;

    const again = await provision({
      database: name,
      create: "if-missing",
      services: ["api", "worker"],
      passwords,
      demoCatalogue: "if-empty",
    });
    expect(again.seeded).toBe(false);
    expect(await stockOf(admin, "KB-001")).toBe(7);
    expect(again.password("api")).toBe(passwords.api);
    const worker = connect(again.directServiceUrl("worker"));
    const [row] = await worker<{ user: string }[]>`select current_user as user`;
    expect(row?.user).toBe(serviceRoles.worker);

    // `always` gives an existing SKU its demo stock back; `new` refuses a database that exists.
    await provision({ database: name, create: "if-missing", services: ["api"], passwords });
    expect(await stockOf(admin, "KB-001")).toBe(demoCatalogue.find((p) => p.sku === "KB-001")?.stock);
    await expect(provisionDatabase({ serverUrl: server.url(), database: name })).rejects.toThrow(
      /already exists/,
    );
  });

  it("provisions only the roles and products asked for, straight to PostgreSQL without a chain", async () => {
    const database = await provision({
      database: uniqueDatabaseName("bench"),
      services: ["reporting"],
      demoCatalogue: "never",
      products: [{ sku: "BENCH-1", name: "Bench product", priceCents: 100, stock: 100_000_000 }],
    });
    expect(database.seeded).toBe(false);
    expect(database.chain).toBeUndefined();
    expect(database.serviceUrl("reporting")).toBe(database.directServiceUrl("reporting"));
    expect(() => database.password("api")).toThrow(/api was not provisioned/);
    const reporting = connect(database.serviceUrl("reporting"));
    const rows = await reporting<{ sku: string; stock: number }[]>`select sku, stock from products`;
    expect(rows).toEqual([{ sku: "BENCH-1", stock: 100_000_000 }]);
  });
});
