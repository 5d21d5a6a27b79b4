import { localDevServiceUrl, localDevSuperuserUrl, type ServiceName } from "@orders/settings";

/** Where `sst dev` points the Aurora component and the functions running on your machine. */
export interface DevDatabase {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/**
 * Default local database for `sst dev` (the superuser URL `npm run dev:db` prints), overridden by
 * `LOCAL_DATABASE_URL`. Only Aurora's `dev` prop gets it; no function does.
 */
export const defaultLocalDatabaseUrl = localDevSuperuserUrl();

/**
 * Parses the local database URL `sst dev` uses (Aurora's `dev` prop). Throws on a URL that is not
 * PostgreSQL or names no database, so a typo fails at `sst dev` start rather than at the first query.
 */
export function devDatabase(url: string | undefined = undefined): DevDatabase {
  const parsed = new URL(url || defaultLocalDatabaseUrl);
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`LOCAL_DATABASE_URL must be a postgres:// URL, got ${parsed.protocol}`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error("LOCAL_DATABASE_URL must name a database");
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    username: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/**
 * `DATABASE_URL` of a service's functions under `sst dev`: its own role through the chain in front of the
 * local PostgreSQL, as in AWS each function logs in to RDS Proxy as its own user. The reporting reads have
 * no separate read-only endpoint locally: the role's grants are what keeps them read-only.
 * `LOCAL_DATABASE_URL` (host, database) and `LOCAL_DATABASE_CHAIN_PORT` follow a `dev:db` run elsewhere.
 */
export function devServiceDatabaseUrl(
  service: ServiceName,
  env: Record<string, string | undefined> = {},
): string {
  const local = devDatabase(env.LOCAL_DATABASE_URL);
  const raw = env.LOCAL_DATABASE_CHAIN_PORT;
  const port = raw === undefined || raw === "" ? undefined : Number(raw);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw new Error(`LOCAL_DATABASE_CHAIN_PORT must be a TCP port, got ${JSON.stringify(raw)}`);
  }
  return localDevServiceUrl(service, {
    host: local.host,
    database: local.database,
    ...(port === undefined ? {} : { port }),
  });
}
