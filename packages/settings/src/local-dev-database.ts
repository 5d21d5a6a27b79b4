import { databaseName, type ServiceName, serviceRoles } from "./database";

/**
 * The database `npm run dev:db` runs on this machine and functions under `sst dev` connect to. Both sides
 * read it from here, so the ports, role passwords and URLs the tool prints are the ones infra hands the
 * functions.
 *
 * The superuser's password is generated per data folder by `npm run dev:db` and kept in a file only the
 * user can read (`superuserPasswordFile` in the data folder), where `sst dev` reads it: the superuser can run
 * programs as the developer (`COPY ... TO PROGRAM`), so no other local user may know it.
 *
 * The service roles' passwords are fixed on purpose: `sst dev` builds each function's URL at deploy time,
 * before any local process could tell it a generated one. That is acceptable because they open only this
 * server, which listens on 127.0.0.1 and holds demo data, as roles with the services' grants only. They never
 * authenticate anything in AWS: deployed stages generate each service role's password into its own Secrets
 * Manager secret, and the functions present IAM tokens, never a password.
 */
export const localDevDatabase = {
  /** Loopback address, not `localhost`: Node may resolve that to ::1 first, where nothing listens. */
  host: "127.0.0.1",
  /** PostgreSQL itself (superuser: migrations and psql). The port `sst dev` looks for by default. */
  postgresPort: 5432,
  /** The services' way in: the chain that stands in for RDS Proxy (PgBouncer's conventional port). */
  chainPort: 6432,
  superuser: "postgres",
  /** The folder `npm run dev:db` keeps its data in, from the repository's root (git-ignored). */
  dataFolder: ".dev-db",
  /** The superuser's generated password, in the data folder (mode 0600). */
  superuserPasswordFile: "superuser-password",
  /** One per service role, known to the pooler and set on the role at every start. */
  servicePasswords: {
    api: "orders-api-local-only",
    worker: "orders-worker-local-only",
    reporting: "orders-reporting-local-only",
    reportingHttp: "orders-reporting-http-local-only",
  } satisfies Record<ServiceName, string>,
} as const;

/** Where a local URL points; each part defaults to `npm run dev:db`'s. */
export interface LocalDevAddress {
  host?: string;
  port?: number;
  database?: string;
}

/** The URL a service's functions get under `sst dev`: its own role, through the chain. */
export function localDevServiceUrl(service: ServiceName, at: LocalDevAddress = {}): string {
  return localUrl(serviceRoles[service], localDevDatabase.servicePasswords[service], {
    port: localDevDatabase.chainPort,
    ...at,
  });
}

/**
 * The superuser URL of the local PostgreSQL itself (migrations, psql): never handed to a function. Without
 * `password` the URL names none (the password is in the data folder's file).
 */
export function localDevSuperuserUrl(at: LocalDevAddress & { password?: string } = {}): string {
  return localUrl(localDevDatabase.superuser, at.password, {
    port: localDevDatabase.postgresPort,
    ...at,
  });
}

function localUrl(user: string, password: string | undefined, at: LocalDevAddress): string {
  const url = new URL("postgres://placeholder");
  url.hostname = at.host ?? localDevDatabase.host;
  url.port = String(at.port);
  url.username = encodeURIComponent(user);
  if (password !== undefined) url.password = encodeURIComponent(password);
  url.pathname = `/${encodeURIComponent(at.database ?? databaseName)}`;
  return url.toString();
}
