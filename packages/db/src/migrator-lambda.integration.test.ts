import { readFile } from "node:fs/promises";
import { createDatabase, type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import { type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMigrationsFolder } from "./migrate";
import {
  type MigratorConfig,
  MigratorConfigError,
  migrateAndSetPasswords,
  migratorConfigFromEnv,
  type SecretReader,
} from "./migrator-lambda";
import { rdsCaBundle } from "./rds-ca-bundle";
import { demoCatalogue } from "./seed";

// Its own server: service roles are cluster-wide, and changing their passwords on the shared test server
// would lock out the other test files running at the same time.
let server: PostgresServer;
const clients: postgres.Sql[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres();
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((sql) => sql.end()));
  await server?.stop();
});

/** An in-memory secret store standing in for Secrets Manager (the port is the boundary under test). */
function secretStore(values: Record<string, unknown>): SecretReader & { reads: string[] } {
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

async function freshDatabase(): Promise<MigratorConfig> {
  const name = `migrator_${Math.random().toString(36).slice(2, 10)}`;
  await createDatabase(server.url(), name);
  return {
    host: server.host,
    port: server.port,
    database: name,
    masterSecretId: "sec-master",
    serviceSecretIds,
    migrationsFolder: defaultMigrationsFolder,
    ssl: false,
  };
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

describe("deploy migrator", () => {
  it("migrates an empty database and lets every service role log in with its secret's password", async () => {
    const config = await freshDatabase();
    const passwords = {
      api: "api-pass-1",
      worker: "worker-pass-1",
      reporting: "reporting-pass-1",
      reportingHttp: "reporting-http-pass-1",
    };
    const result = await migrateAndSetPasswords(config, secretsWith(passwords));

    const migrations = await journalEntries();
    expect(result).toEqual({
      applied: migrations,
      total: migrations,
      roles: Object.values(serviceRoles),
      seeded: 0,
    });
    const admin = postgres(server.url(config.database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const [tables] = await admin<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(tables?.n).toBeGreaterThan(0);
    for (const service of Object.keys(passwords) as ServiceName[]) {
      expect(await login(config.database, service, passwords[service])).toBe("ok");
      expect(await login(config.database, service, "wrong")).toBe(INVALID_PASSWORD);
    }
  });

  it("is idempotent and applies a rotated password on the next run", async () => {
    const config = await freshDatabase();
    const first = { api: "a-1", worker: "w-1", reporting: "r-1", reportingHttp: "h-1" };
    await migrateAndSetPasswords(config, secretsWith(first));

    const rotated = { ...first, worker: "w-2-rotated" };
    const again = await migrateAndSetPasswords(config, secretsWith(rotated));
    expect(again.applied).toBe(0);
    expect(again.total).toBe(await journalEntries());
    expect(await login(config.database, "worker", "w-2-rotated")).toBe("ok");
    expect(await login(config.database, "worker", "w-1")).toBe(INVALID_PASSWORD);
    expect(await login(config.database, "api", "a-1")).toBe("ok");
  });

  it("loads the demo catalogue only when asked (dev stages)", async () => {
    const config = await freshDatabase();
    const secrets = secretsWith({ api: "a", worker: "w", reporting: "r", reportingHttp: "h" });
    const plain = await migrateAndSetPasswords(config, secrets);
    const admin = postgres(server.url(config.database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const count = async () => (await admin<{ n: number }[]>`select count(*)::int as n from products`)[0]?.n;
    expect(plain.seeded).toBe(0);
    expect(await count()).toBe(0);

    const seeded = await migrateAndSetPasswords({ ...config, seedDemoCatalogue: true }, secrets);
    expect(seeded.seeded).toBe(demoCatalogue.length);
    expect(await count()).toBe(demoCatalogue.length);
  });

  it("refuses a secret for the wrong user before touching the database", async () => {
    const config = await freshDatabase();
    const secrets = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-worker": { username: serviceRoles.api, password: "x" } },
    );
    await expect(migrateAndSetPasswords(config, secrets)).rejects.toThrow(
      /worker secret is for user "orders_api"/,
    );
    const admin = postgres(server.url(config.database), { max: 1, onnotice: () => {} });
    clients.push(admin);
    const [row] = await admin<{ t: string | null }[]>`select to_regclass('public.orders')::text as t`;
    expect(row?.t).toBeNull();
  });

  it("refuses malformed secrets", async () => {
    const config = await freshDatabase();
    const noPassword = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-master": { username: "x" } },
    );
    await expect(migrateAndSetPasswords(config, noPassword)).rejects.toThrow(/master secret must be/);
  });

  it("fails when the master password is wrong", async () => {
    const config = await freshDatabase();
    const secrets = secretsWith(
      { api: "a", worker: "w", reporting: "r", reportingHttp: "h" },
      { "sec-master": { username: server.user, password: "not-it" } },
    );
    await expect(migrateAndSetPasswords(config, secrets)).rejects.toMatchObject({ code: INVALID_PASSWORD });
  });
});

describe("migrator configuration", () => {
  const env = {
    DB_HOST: "orders.cluster-abc.eu-west-1.rds.amazonaws.com",
    DB_PORT: "5432",
    DB_NAME: "orders",
    MASTER_SECRET_ARN: "arn:master",
    SERVICE_SECRET_ARNS: JSON.stringify({
      api: "arn:a",
      worker: "arn:w",
      reporting: "arn:r",
      reportingHttp: "arn:h",
    }),
    MIGRATIONS_FOLDER: "migrations",
    LAMBDA_TASK_ROOT: "/var/task",
  };

  it("reads what infra sets, with verified TLS against the cluster host", () => {
    expect(migratorConfigFromEnv(env)).toEqual({
      host: env.DB_HOST,
      port: 5432,
      database: "orders",
      masterSecretId: "arn:master",
      serviceSecretIds: { api: "arn:a", worker: "arn:w", reporting: "arn:r", reportingHttp: "arn:h" },
      migrationsFolder: "/var/task/migrations",
      ssl: { rejectUnauthorized: true, host: env.DB_HOST, servername: env.DB_HOST, ca: [...rdsCaBundle] },
      seedDemoCatalogue: false,
    });
    expect(migratorConfigFromEnv({ ...env, SEED_DEMO_CATALOGUE: "true" }).seedDemoCatalogue).toBe(true);
  });

  it("names what is missing or malformed", () => {
    expect(() => migratorConfigFromEnv({ ...env, MASTER_SECRET_ARN: undefined })).toThrow(
      /MASTER_SECRET_ARN/,
    );
    expect(() => migratorConfigFromEnv({ ...env, SERVICE_SECRET_ARNS: "{" })).toThrow(MigratorConfigError);
    expect(() =>
      migratorConfigFromEnv({ ...env, SERVICE_SECRET_ARNS: JSON.stringify({ api: "a", worker: "w" }) }),
    ).toThrow(/reporting/);
    expect(() => migratorConfigFromEnv({ ...env, DB_PORT: "99999" })).toThrow(/DB_PORT/);
  });
});
