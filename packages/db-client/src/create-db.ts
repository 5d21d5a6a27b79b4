import { isIP, type Socket } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { databaseConnection } from "@orders/settings";
import postgres from "postgres";
import type { ConnectionConfig } from "./config";
import { createIamTokenProvider } from "./iam-token";
import { checkProxyEndpointIdentity } from "./proxy-endpoint-identity";

/**
 * A service's connection to PostgreSQL. Queries go through `sql` (postgres.js); a service that builds its
 * queries with Drizzle wraps the same client with `drizzleOf` from `@orders/db-client/drizzle`, so only its
 * bundle carries Drizzle.
 */
export interface DbClient {
  /** The postgres.js client: one connection, opened on the first query. */
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Shown in `pg_stat_activity` (e.g. the service name). */
  applicationName?: string;
  /** Extra trust anchors (PEM) for TLS; RDS Proxy's certificates chain to public roots, so rarely needed. */
  ca?: string;
  /** Connections this client may hold; keep the default (1) in Lambda. */
  maxConnections?: number;
}

/**
 * The one way services connect to PostgreSQL: a postgres.js client configured for RDS Proxy.
 *
 * - `prepare: false`: the proxy multiplexes transactions over server connections, so a named prepared
 *   statement created on one may not exist on the next.
 * - one connection (a Lambda instance serves one invocation at a time), closed when idle for less time than
 *   the proxy's own idle timeout;
 * - IAM: the password is a cached IAM auth token for this service's own user; TLS with certificate and
 *   host name verification (the proxy requires TLS for IAM auth).
 *
 * Create it once per container (module scope or {@link lazyDb}) and reuse it across invocations.
 */
export function createDb(
  config: ConnectionConfig,
  options: CreateDbOptions = {},
  /** Replaces the IAM token provider (tests run the IAM code path against a local server). */
  deps: {
    password?: () => Promise<string>;
    /** Opens the connected TCP socket (tests reach a proxy's host name on loopback without DNS). */
    socket?: () => Promise<Socket>;
  } = {},
): DbClient {
  const common = {
    max: options.maxConnections ?? databaseConnection.maxConnectionsPerInstance,
    prepare: false,
    idle_timeout: databaseConnection.clientIdleTimeoutSeconds,
    connect_timeout: databaseConnection.connectTimeoutSeconds,
    // No type-fetching query after login: postgres.js runs it from its socket handler without catching it,
    // so a connection lost (or discarded at a deadline) while it runs ends in an unhandled rejection, which
    // kills a Lambda container. The services send no array parameters (they pass arrays as text), and
    // skipping it saves a round trip on every connect.
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "orders" },
    types: textDatesAndTimes,
  } satisfies postgres.Options<typeof textDatesAndTimes>;

  const sql =
    config.kind === "url"
      ? postgres(config.url, common)
      : postgres({
          ...common,
          host: config.host,
          port: config.port,
          database: config.database,
          username: config.user,
          pass:
            deps.password ??
            createIamTokenProvider({
              hostname: config.host,
              port: config.port,
              username: config.user,
              region: config.region,
              // The default chain (environment variables first: the Lambda role's credentials).
              credentials: defaultProvider(),
            }),
          ssl: verifiedTls(config.host, options.ca),
          ...(deps.socket ? { socket: deps.socket } : {}),
        });

  return { sql, close: () => sql.end({ timeout: 5 }) };
}

const asIs = <T>(value: T): T => value;

/**
 * Dates, times and timestamps (and their arrays, and numeric arrays) are read as the text PostgreSQL sends,
 * and written as given; JSON parameters are sent as given. This is the type handling Drizzle's postgres.js
 * driver sets on any client it wraps (its column types parse that text themselves). Set here on every client,
 * it is the same whether or not Drizzle wraps the client, and before and after it does: raw SQL never sees a
 * date turn into a `Date` because some other code used Drizzle on the connection first.
 */
const textDatesAndTimes = {
  // timestamptz, date, time, timestamp, date[], timestamptz[], timestamp[], numeric[] (OIDs as in pg_type).
  dateAndTimeText: {
    to: 1184,
    from: [1184, 1082, 1083, 1114, 1182, 1185, 1115, 1231],
    serialize: asIs,
    parse: asIs,
  },
  // json, jsonb: parameters only (results are still parsed as JSON).
  jsonParameter: { to: 114, from: [], serialize: asIs, parse: asIs },
  jsonbParameter: { to: 3802, from: [], serialize: asIs, parse: asIs },
} satisfies Record<string, postgres.PostgresType>;

/**
 * TLS that fails on an untrusted certificate or a certificate for another host. The host is passed
 * explicitly: over an already-open socket Node otherwise checks the certificate against "localhost" when
 * the host is an IP address (postgres.js sends no server name for IPs). The host name check is Node's,
 * widened for a custom RDS Proxy endpoint to exactly its proxy's default wildcard certificate
 * ({@link checkProxyEndpointIdentity}); the chain is verified first either way.
 */
export function verifiedTls(host: string, ca?: string): ConnectionOptions {
  return {
    rejectUnauthorized: true,
    host,
    ...(isIP(host) ? {} : { servername: host }),
    ...(ca ? { ca } : {}),
    checkServerIdentity: checkProxyEndpointIdentity,
  };
}

/**
 * A client created on first use and reused for the life of the process (one Lambda container). Nothing
 * connects at import time, so cold starts that never touch the database pay nothing.
 */
export function lazyDb(create: () => DbClient): () => DbClient {
  let client: DbClient | undefined;
  return () => {
    client ??= create();
    return client;
  };
}
