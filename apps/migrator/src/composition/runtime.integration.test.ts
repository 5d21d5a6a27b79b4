import { readFile } from "node:fs/promises";
import { defaultMigrationsFolder, demoCatalogue } from "@orders/db/provisioning";
import { createDatabase, type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import { type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecretStore } from "../domain/ports";
import { type Chain, rdsLikeChain } from "../testing/rds-like-chain";
import { createRuntime } from "./runtime";

// Its own server: service roles are cluster-wide, and changing their passwords on a shared test server would
// lock out the other test files running at the same time. It speaks TLS with a certificate for `localhost`
// from a chain shaped like RDS's, so the runtime connects exactly as in AWS: verified TLS to the host name.
let server: PostgresServer;
let chain: Chain;
const clients: postgres.Sql[] = [];

beforeAll(async () => {
  chain = rdsLikeChain();
  server = await startEmbeddedPostgres({ tls: chain.server });
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((sql) => sql.end()));
  await server?.stop();
});

/** An in-memory secret store standing in for Secrets Manager (the port is the boundary under test). */
function secretStore(values: Record<string, unknown>): SecretStore & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(id) {
      reads.push(id);
      if (!(id in values)) throw new Error(`no secret ${id}`);
      return JSON.stringify(values[id]);
    },
  };
}

const serviceSecretIds = {
  api: "sec-api",
  worker: "sec-worker",
  reporting: "sec-reporting",
  reportingHttp: "sec-reporting-http",
};

function secretsWith(passwords: Record<ServiceName, string>, overrides: Record<string, unknown> = {}) {
  return secretStore({
    "sec-master": { username: server.user, password: server.password },
    "sec-api": { username: serviceRoles.api, password: passwords.api },
    "sec-worker": { username: serviceRoles.worker, password: passwords.worker },
    "sec-reporting": { username: serviceRoles.reporting, password: passwords.reporting },
    "sec-reporting-http": { username: serviceRoles.reportingHttp, password: passwords.reportingHttp },
    ...overrides,
  });
}

/** A fresh, empty database and the environment infra would give the migrator for it. */
async function freshDatabase(): Promise<{ database: string; environment: Record<string, string> }> {
  const database = `migrator_${Math.random().toString(36).slice(2, 10)}`;
  await createDatabase(server.url(), database);
  return {
    database,
    environment: {
      DB_HOST: "localhost",
      DB_PORT: String(server.port),
      DB_NAME: database,
      MASTER_SECRET_ARN: "sec-master",
      SERVICE_SECRET_ARNS: JSON.stringify(serviceSecretIds),
      MIGRATIONS_FOLDER: defaultMigrationsFolder,
    },
  };
}

/** One migrator run over `environment`, its secrets from `secrets`, its TLS trusting the test chain. */
function migrate(environment: Record<string, string>, secrets: SecretStore) {
  return createRuntime(environment, { secrets, ca: [chain.root, chain.intermediate] }).migrate();
}

/** Logs in as a service role with a password; returns the SQLSTATE of a failure, or "ok". */
async function login(database: string, service: ServiceName, password: string): Promise<string> {
  const sql = postgres({
    host: server.host,
    port: server.port,
    database,
    username: serviceRoles[service],
    password,
    max: 1,
    onnotice: () => {},
  });
  clients.push(sql);
  try {
    await sql`select 1`;
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await sql.end();
  }
}

async function journalEntries(): Promise<number> {
  const journal = JSON.parse(await readFile(`${defaultMigrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

const INVALID_PASSWORD = "28P01";

describe("the migrator runtime against PostgreSQL", () => {
  it("migrates an empty database and lets every service role log in with its secret's password", async () => {
    const { database, environment } = await freshDatabase();
    const passwords = {
      api: "api-pass-1",
      worker: "worker-pass-1",
      reporting: "reporting-pass-1",
      reportingHttp: "reporting-http-pass-1",
    };
    const result = await migrate(environment, secretsWith(passwords));

    const migrations = await journalEntries();
    expect(result).toEqual({
      applied: migrations,
      total: migrations,
      roles: Object.values(serviceRoles),
      seeded: 0,
    });
    const admin = postgres(server.url(database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const [tables] = await admin<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(tables?.n).toBeGreaterThan(0);
    for (const service of Object.keys(passwords) as ServiceName[]) {
      expect(await login(database, service, passwords[service])).toBe("ok");
      expect(await login(database, service, "wrong")).toBe(INVALID_PASSWORD);
    }
  });

  it("is idempotent and applies a rotated password on the next run", async () => {
    const { database, environment } = await freshDatabase();
    const first = { api: "a-1", worker: "w-1", reporting: "r-1", reportingHttp: "h-1" };
    await migrate(environment, secretsWith(first));

    const rotated = { ...first, worker: "w-2-rotated" };
    const again = await migrate(environment, secretsWith(rotated));
    expect(again.applied).toBe(0);
    expect(again.total).toBe(await journalEntries());
    expect(await login(database, "worker", "w-2-rotated")).toBe("ok");
    expect(await login(database, "worker", "w-1")).toBe(INVALID_PASSWORD);
    expect(await login(database, "api", "a-1")).toBe("ok");
  });

  it("loads the demo catalogue only when asked (dev stages)", async () => {
    const { database, environment } = await freshDatabase();
    const secrets = secretsWith({ api: "a", worker: "w", reporting: "r", reportingHttp: "h" });
    const plain = await migrate(environment, secrets);
    const admin = postgres(server.url(database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const count = async () => (await admin<{ n: number }[]>`select count(*)::int as n from products`)[0]?.n;
    expect(plain.seeded).toBe(0);
    expect(await count()).toBe(0);

    const seeded = await migrate({ ...environment, SEED_DEMO_CATALOGUE: "true" }, secrets);
    expect(seeded.seeded).toBe(demoCatalogue.length);
    expect(await count()).toBe(demoCatalogue.length);
  });

  it("refuses a secret for the wrong user before touching the database", async () => {
    const { database, environment } = await freshDatabase();
    const secrets = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-worker": { username: serviceRoles.api, password: "x" } },
    );
    await expect(migrate(environment, secrets)).rejects.toThrow(/worker secret is for user "orders_api"/);
    const admin = postgres(server.url(database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const [row] = await admin<{ t: string | null }[]>`select to_regclass('public.orders')::text as t`;
    expect(row?.t).toBeNull();
  });

  it("refuses malformed secrets", async () => {
    const { environment } = await freshDatabase();
    const noPassword = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-master": { username: "x" } },
    );
    await expect(migrate(environment, noPassword)).rejects.toThrow(/master secret must be/);
  });

  it("fails when the master password is wrong", async () => {
    const { environment } = await freshDatabase();
    const secrets = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-master": { username: server.user, password: "not-it" } },
    );
    await expect(migrate(environment, secrets)).rejects.toMatchObject({ code: INVALID_PASSWORD });
  });

  it("connects with verified TLS: a cluster certificate outside the trusted authorities fails the run", async () => {
    const { database, environment } = await freshDatabase();
    const secrets = secretsWith({ api: "a", worker: "w", reporting: "r", reportingHttp: "h" });
    // The default authorities are the RDS bundle, which did not issue the test server's certificate.
    await expect(createRuntime(environment, { secrets }).migrate()).rejects.toMatchObject({
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    const admin = postgres(server.url(database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const [row] = await admin<{ t: string | null }[]>`select to_regclass('public.orders')::text as t`;
    expect(row?.t).toBeNull();
  });
});
