import type { ServiceRole } from "@orders/settings";

/** Locally and in tests: a plain connection URL with a password. */
export interface UrlConnectionConfig {
  kind: "url";
  url: string;
}

/** In AWS: RDS Proxy with an IAM auth token as the password, over verified TLS. */
export interface IamConnectionConfig {
  kind: "iam";
  host: string;
  port: number;
  database: string;
  user: ServiceRole | (string & {});
  region: string;
}

export type ConnectionConfig = UrlConnectionConfig | IamConnectionConfig;

export class ConnectionConfigError extends Error {
  override name = "ConnectionConfigError";
}

/**
 * Reads the connection from the environment: `DATABASE_URL` (local, tests), or `DB_HOST`, `DB_PORT`, `DB_NAME`,
 * `DB_USER` and `AWS_REGION` (set by infra on every function) for IAM auth through the proxy. Which one applies
 * is configuration, never a code edit. Throws a clear error naming what is missing.
 */
export function connectionConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): ConnectionConfig {
  if (env.DATABASE_URL) return { kind: "url", url: env.DATABASE_URL };
  const required = ["DB_HOST", "DB_NAME", "DB_USER", "AWS_REGION"] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConnectionConfigError(
      `database connection not configured: set DATABASE_URL, or ${required.join(", ")} (missing: ${missing.join(", ")})`,
    );
  }
  const port = Number(env.DB_PORT ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConnectionConfigError(`DB_PORT must be a TCP port, got ${env.DB_PORT}`);
  }
  return {
    kind: "iam",
    host: env.DB_HOST as string,
    port,
    database: env.DB_NAME as string,
    user: env.DB_USER as string,
    region: env.AWS_REGION as string,
  };
}
