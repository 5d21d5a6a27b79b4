import { join } from "node:path";
import { readPrivateFileSync } from "@orders/local-postgres/private-paths";
import {
  localDevDatabase,
  localDevServiceUrl,
  localDevSuperuserUrl,
  parseLocalServicePasswords,
  type ServiceName,
} from "@orders/settings";

/** Where `sst dev` points the Aurora component and the functions running on your machine. */
export interface DevDatabase {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/**
 * Default local database for `sst dev` (the superuser URL `npm run dev:db` prints, without its password),
 * overridden by `LOCAL_DATABASE_URL`. Only Aurora's `dev` prop gets it; no function does.
 */
export const defaultLocalDatabaseUrl = localDevSuperuserUrl();

/**
 * The local database Aurora's `dev` prop points at: `LOCAL_DATABASE_URL` or `npm run dev:db`'s address, with
 * the superuser's password from the URL or else from the file dev:db generated it into
 * (`LOCAL_DATABASE_PASSWORD_FILE`, default `.dev-db/superuser-password` under the app's root). The file is
 * read only under `sst dev`, and refused when it is a link, another user's, or readable by others; when it
 * does not exist yet the password stays empty and a warning says how to make it.
 */
export function localDevDatabaseFor(
  env: Record<string, string | undefined>,
  options: { dev: boolean; root: string },
): DevDatabase {
  const db = devDatabase(env.LOCAL_DATABASE_URL);
  if (!options.dev || db.password) return db;
  const file =
    env.LOCAL_DATABASE_PASSWORD_FILE ||
    join(options.root, localDevDatabase.dataFolder, localDevDatabase.superuserPasswordFile);
  try {
    return { ...db, password: readPrivateFileSync(file).trim() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    console.warn(`no local database password at ${file}: \`npm run dev:db\` generates it there`);
    return db;
  }
}

/**
 * The service roles' passwords `npm run dev:db` generated for its cluster, which the functions' URLs carry
 * under `sst dev`: read from `LOCAL_DATABASE_SERVICE_PASSWORDS_FILE`, default `.dev-db/service-passwords`
 * under the app's root, only under `sst dev`, and refused when it is a link, another user's, readable by
 * others, or lacks a service. Undefined (with a warning saying how to make it) before dev:db has run.
 */
export function localDevServicePasswordsFor(
  env: Record<string, string | undefined>,
  options: { dev: boolean; root: string },
): Record<ServiceName, string> | undefined {
  if (!options.dev) return undefined;
  const file =
    env.LOCAL_DATABASE_SERVICE_PASSWORDS_FILE ||
    join(options.root, localDevDatabase.dataFolder, localDevDatabase.servicePasswordsFile);
  try {
    return parseLocalServicePasswords(readPrivateFileSync(file), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    console.warn(`no local service role passwords at ${file}: \`npm run dev:db\` generates them there`);
    return undefined;
  }
}

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
 * local PostgreSQL, with the password dev:db generated for it (`passwords`, from
 * localDevServicePasswordsFor; none before dev:db has run), as in AWS each function logs in to RDS Proxy as
 * its own user. The reporting reads have no separate read-only endpoint locally: the role's grants are what
 * keeps them read-only. `LOCAL_DATABASE_URL` (host, database) and `LOCAL_DATABASE_CHAIN_PORT` follow a
 * `dev:db` run elsewhere.
 */
export function devServiceDatabaseUrl(
  service: ServiceName,
  env: Record<string, string | undefined> = {},
  passwords: Record<ServiceName, string> | undefined = undefined,
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
    ...(passwords === undefined ? {} : { password: passwords[service] }),
  });
}
