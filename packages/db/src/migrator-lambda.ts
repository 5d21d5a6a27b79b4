import { resolve } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type ServiceName, type ServiceRole, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { runMigrations } from "./migrate";
import { clusterTls, rdsCaBundle } from "./rds-ca-bundle";
import { setServiceRolePassword } from "./roles";
import { seedDemoCatalogue } from "./seed";

/**
 * Deploy-time migrator (infra/migrator.ts invokes it on every `sst deploy` whose migrations or service
 * secrets changed). Kept in one file: the core ({@link migrateAndSetPasswords}), its secrets port, the
 * Secrets Manager adapter and the handler that wires them from the environment.
 */

/** Port: the string value of a secret. The AWS adapter is {@link secretsManagerReader}; tests pass a map. */
export interface SecretReader {
  read(secretId: string): Promise<string>;
}

export interface MigratorConfig {
  /** The cluster's writer endpoint (not the proxy: DDL and the advisory lock would pin a proxy session). */
  host: string;
  port: number;
  database: string;
  /** Secret with the master user's `{username, password}`. */
  masterSecretId: string;
  /** Secret per service with `{username, password}`: the same one RDS Proxy logs in with. */
  serviceSecretIds: Record<ServiceName, string>;
  migrationsFolder: string;
  ssl: postgres.Options<Record<string, never>>["ssl"];
  /** Load the demo catalogue (personal/dev stages only, so a fresh stage can take orders right away). */
  seedDemoCatalogue?: boolean;
}

export interface MigratorResult {
  /** Migrations this run applied (0 when the database was already current). */
  applied: number;
  /** Migrations recorded in the database after the run. */
  total: number;
  /** Roles whose password now matches their secret. */
  roles: ServiceRole[];
  /** Demo products written (0 unless seeding was asked for). */
  seeded: number;
}

export class MigratorConfigError extends Error {
  override name = "MigratorConfigError";
}

interface Credentials {
  username: string;
  password: string;
}

const services = Object.keys(serviceRoles) as ServiceName[];

/**
 * Applies pending migrations as the master user, then sets every service role's password from its secret,
 * so RDS Proxy (which reads the same secrets) can log in as each role. Reads and checks every secret before
 * touching the database: a secret for the wrong user fails the deploy instead of locking a service out.
 */
export async function migrateAndSetPasswords(
  config: MigratorConfig,
  secrets: SecretReader,
): Promise<MigratorResult> {
  const master = parseCredentials(await secrets.read(config.masterSecretId), "master secret");
  const passwords = await Promise.all(
    services.map(async (service) => {
      const credentials = parseCredentials(
        await secrets.read(config.serviceSecretIds[service]),
        `${service} secret`,
      );
      if (credentials.username !== serviceRoles[service]) {
        throw new Error(
          `the ${service} secret is for user "${credentials.username}", expected "${serviceRoles[service]}"`,
        );
      }
      return [service, credentials.password] as const;
    }),
  );

  const url = connectionUrl(config, master);
  const sql = postgres(url, { max: 1, onnotice: () => {}, ssl: config.ssl ?? false });
  try {
    const before = await appliedMigrations(sql);
    await runMigrations({ url, migrationsFolder: config.migrationsFolder, ssl: config.ssl });
    for (const [service, password] of passwords) await setServiceRolePassword(sql, service, password);
    const seeded = config.seedDemoCatalogue ? await seedDemoCatalogue(sql) : 0;
    const total = await appliedMigrations(sql);
    return {
      applied: total - before,
      total,
      roles: passwords.map(([service]) => serviceRoles[service]),
      seeded,
    };
  } finally {
    await sql.end();
  }
}

/**
 * Reads the migrator's environment (set by infra/migrator.ts): DB_HOST, DB_PORT, DB_NAME,
 * MASTER_SECRET_ARN, SERVICE_SECRET_ARNS (JSON object per service), MIGRATIONS_FOLDER (relative to the
 * Lambda task root) and SEED_DEMO_CATALOGUE ("true" on dev stages). TLS is verified against the host name
 * and the RDS certificate authorities shipped with the code (`ca`, replaced only by tests).
 */
export function migratorConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  ca: readonly string[] = rdsCaBundle,
): MigratorConfig {
  const required = [
    "DB_HOST",
    "DB_NAME",
    "MASTER_SECRET_ARN",
    "SERVICE_SECRET_ARNS",
    "MIGRATIONS_FOLDER",
  ] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new MigratorConfigError(`migrator not configured: missing ${missing.join(", ")}`);

  const port = Number(env.DB_PORT ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new MigratorConfigError(`DB_PORT must be a TCP port, got ${env.DB_PORT}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(env.SERVICE_SECRET_ARNS as string);
  } catch {
    throw new MigratorConfigError("SERVICE_SECRET_ARNS must be a JSON object");
  }
  const serviceSecretIds = {} as Record<ServiceName, string>;
  for (const service of services) {
    const id = (parsed as Record<string, unknown> | null)?.[service];
    if (typeof id !== "string" || id === "") {
      throw new MigratorConfigError(`SERVICE_SECRET_ARNS has no secret for ${service}`);
    }
    serviceSecretIds[service] = id;
  }
  const host = env.DB_HOST as string;
  return {
    host,
    port,
    database: env.DB_NAME as string,
    masterSecretId: env.MASTER_SECRET_ARN as string,
    serviceSecretIds,
    migrationsFolder: resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), env.MIGRATIONS_FOLDER as string),
    ssl: clusterTls(host, ca),
    seedDemoCatalogue: env.SEED_DEMO_CATALOGUE === "true",
  };
}

/** Secrets Manager adapter of {@link SecretReader}. */
export function secretsManagerReader(client = new SecretsManagerClient({})): SecretReader {
  return {
    async read(secretId) {
      const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (result.SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
      return result.SecretString;
    },
  };
}

/** Lambda entry: configuration from the environment, secrets from Secrets Manager. Throws to fail the deploy. */
export async function handler(): Promise<MigratorResult> {
  const result = await migrateAndSetPasswords(migratorConfigFromEnv(), secretsManagerReader());
  console.log(JSON.stringify({ level: "INFO", message: "database migrated", ...result }));
  return result;
}

function parseCredentials(value: string, label: string): Credentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${label} is not JSON`);
  }
  const { username, password } = (parsed ?? {}) as Partial<Record<string, unknown>>;
  if (typeof username !== "string" || username === "" || typeof password !== "string" || password === "") {
    throw new Error(`${label} must be a JSON object with a non-empty username and password`);
  }
  return { username, password };
}

function connectionUrl(config: MigratorConfig, credentials: Credentials): string {
  const url = new URL("postgres://localhost");
  url.hostname = config.host;
  url.port = String(config.port);
  url.username = encodeURIComponent(credentials.username);
  url.password = encodeURIComponent(credentials.password);
  url.pathname = `/${encodeURIComponent(config.database)}`;
  return url.toString();
}

async function appliedMigrations(sql: postgres.Sql): Promise<number> {
  // Two statements: a query naming a missing table fails at parse time, even in an untaken CASE branch.
  const [exists] = await sql<{ table: string | null }[]>`
    select to_regclass('drizzle.__drizzle_migrations')::text as table`;
  if (!exists?.table) return 0;
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row?.n ?? 0;
}
