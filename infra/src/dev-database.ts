import { databaseName } from "@orders/settings";

/** Where `sst dev` points the Aurora component and the functions running on your machine. */
export interface DevDatabase {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** Default local database for `sst dev`, overridden by `LOCAL_DATABASE_URL`. */
export const defaultLocalDatabaseUrl = `postgres://postgres:postgres@localhost:5432/${databaseName}`;

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

/** The URL functions get as `DATABASE_URL` under `sst dev` (read by connectionConfigFromEnv). */
export function devDatabaseUrl(db: DevDatabase): string {
  const url = new URL("postgres://localhost");
  url.hostname = db.host;
  url.port = String(db.port);
  url.username = db.username;
  url.password = db.password;
  url.pathname = `/${db.database}`;
  return url.toString();
}
