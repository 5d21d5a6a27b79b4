import { databaseName, type ServiceName, serviceRoles } from "./database";

/**
 * The database `npm run dev:db` runs on this machine and functions under `sst dev` connect to. Both sides
 * read it from here, so the ports, file names and URLs the tool prints are the ones infra hands the functions.
 *
 * Every password of it is generated per cluster by `npm run dev:db` and kept in the data folder in files only
 * the user can read, where `sst dev` reads them when it builds the functions' environment: the superuser's
 * (`superuserPasswordFile`), which can run programs as the developer (`COPY ... TO PROGRAM`), and the service
 * roles' (`servicePasswordsFile`), which hold the services' grants. No other local user may know either.
 * Deployed stages generate each service role's password into its own Secrets Manager secret, and the
 * functions present IAM tokens there, never a password.
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
  /** The service roles' generated passwords, one JSON object keyed by service, in the data folder (mode 0600). */
  servicePasswordsFile: "service-passwords",
} as const;

/** Where a local URL points; each part defaults to `npm run dev:db`'s. */
export interface LocalDevAddress {
  host?: string;
  port?: number;
  database?: string;
}

/**
 * The URL a service's functions get under `sst dev`: its own role, through the chain. Without `password`
 * the URL names none (the passwords are in the data folder's file).
 */
export function localDevServiceUrl(
  service: ServiceName,
  at: LocalDevAddress & { password?: string } = {},
): string {
  return localUrl(serviceRoles[service], at.password, {
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

/** The text of the service passwords file: one JSON object with a password per service. */
export function formatLocalServicePasswords(passwords: Record<ServiceName, string>): string {
  return `${JSON.stringify(passwords, null, 2)}\n`;
}

/**
 * The passwords in the service passwords file's text (`file` names it in errors). Throws unless every
 * service has a non-empty password, so a damaged file fails where it is read, not at a function's login.
 */
export function parseLocalServicePasswords(text: string, file: string): Record<ServiceName, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not the JSON object of service passwords \`npm run dev:db\` writes`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} is not the JSON object of service passwords \`npm run dev:db\` writes`);
  }
  const found = parsed as Record<string, unknown>;
  const services = Object.keys(serviceRoles) as ServiceName[];
  const missing = services.filter((service) => typeof found[service] !== "string" || found[service] === "");
  if (missing.length > 0) throw new Error(`${file} has no password for ${missing.join(", ")}`);
  return Object.fromEntries(services.map((service) => [service, found[service] as string])) as Record<
    ServiceName,
    string
  >;
}
