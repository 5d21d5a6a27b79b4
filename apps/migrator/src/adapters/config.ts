import { resolve } from "node:path";
import type { ConnectionOptions } from "node:tls";
import { type ServiceName, serviceRoles } from "@orders/settings";
import { clusterTls, rdsCaBundle } from "./rds-ca-bundle";

/** The environment lacks or garbles a setting the migrator needs: thrown at start-up, naming it. */
export class MigratorConfigError extends Error {
  override name = "MigratorConfigError";
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
  /** Absolute path of the SQL migrations shipped beside the bundle. */
  migrationsFolder: string;
  ssl: ConnectionOptions;
  /** Load the demo catalogue (personal and dev stages only). */
  seedDemoCatalogue: boolean;
}

const services = Object.keys(serviceRoles) as ServiceName[];

/**
 * Reads the migrator's environment (set by infra/migrator.ts): DB_HOST, DB_PORT, DB_NAME,
 * MASTER_SECRET_ARN, SERVICE_SECRET_ARNS (JSON object per service), MIGRATIONS_FOLDER (relative to the
 * Lambda task root) and SEED_DEMO_CATALOGUE ("true" on dev stages). TLS is verified against the host name
 * and the RDS certificate authorities shipped with the code (`ca`, replaced only by tests).
 */
export function readConfig(
  env: Record<string, string | undefined>,
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
