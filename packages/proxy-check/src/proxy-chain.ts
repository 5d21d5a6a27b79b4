import { type PgBouncer, startPgBouncer } from "@orders/local-postgres";
import { proxyPool } from "@orders/settings";
import postgres from "postgres";
import { formatPinnedSessions } from "./pinned-report";
import {
  clientLabelParameter,
  type PinningRelay,
  type RelaySession,
  startPinningRelay,
} from "./pinning-relay";

export interface StartProxyChainOptions {
  /** Superuser URL of the PostgreSQL server the chain fronts (migrations and seeding use it directly). */
  postgresUrl: string;
  /** Login roles the services use, with their passwords (the pooler logs in upstream with them). */
  users: { user: string; password: string }[];
  /** Port of the pinning check (default: an ephemeral one). */
  relayPort?: number;
  /** Called once per session when it first would pin. */
  onPin?: (session: RelaySession) => void;
  onLog?: (line: string) => void;
}

export interface ProxyChain {
  relay: PinningRelay;
  pooler: PgBouncer;
  /** Pool size and queue wait the pooler got, derived from the proxy's settings. */
  pool: { size: number; queueWaitSeconds: number; serverMaxConnections: number };
  /**
   * URL through the whole chain (relay, pooler, server) for one of the configured users; `label` names the
   * client in the pinning report.
   */
  url(user: string, database: string, label?: string): string;
  /** One line naming every hop, for banners and logs. */
  describe(): string;
  pinnedSessions(): RelaySession[];
  /** How many sessions would have pinned, with the statement that pinned each. */
  report(): string;
  stop(): Promise<void>;
}

/**
 * The path every service connection takes in AWS, built locally: client → pinning check (where RDS Proxy
 * sits) → PgBouncer in transaction pooling mode (the proxy's multiplexing) → PostgreSQL.
 *
 * The pooler's size is the proxy's: `maxConnectionsPercent` of the server's own `max_connections`, per
 * database and user; a client waits at most `connectionBorrowTimeoutSeconds` for a server connection, as
 * the proxy's borrow timeout fails it in AWS.
 *
 * @example
 * const chain = await startProxyChain({ postgresUrl, users: [{ user: "orders_api", password }] });
 * const url = chain.url("orders_api", "orders"); // hand this to the service
 * console.log(chain.report()); // on shutdown
 */
export async function startProxyChain(options: StartProxyChainOptions): Promise<ProxyChain> {
  const upstream = new URL(options.postgresUrl);
  const serverMaxConnections = await maxConnections(options.postgresUrl);
  const size = Math.max(1, Math.floor((serverMaxConnections * proxyPool.maxConnectionsPercent) / 100));
  const queueWaitSeconds = proxyPool.connectionBorrowTimeoutSeconds;
  const pooler = await startPgBouncer({
    upstream: { host: upstream.hostname, port: Number(upstream.port || 5432) },
    users: options.users,
    poolSize: size,
    maxDbConnections: size,
    queryWaitTimeoutSeconds: queueWaitSeconds,
    ignoreStartupParameters: [clientLabelParameter],
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  let relay: PinningRelay;
  try {
    relay = await startPinningRelay({
      upstream: { host: pooler.host, port: pooler.port },
      ...(options.relayPort !== undefined ? { port: options.relayPort } : {}),
      ...(options.onPin ? { onPin: options.onPin } : {}),
    });
  } catch (error) {
    await pooler.stop();
    throw error;
  }
  return {
    relay,
    pooler,
    pool: { size, queueWaitSeconds, serverMaxConnections },
    url: (user, database, label) => chainUrl(pooler.url(user, database), relay.port, label),
    describe: () =>
      `services → pinning check 127.0.0.1:${relay.port} → PgBouncer 127.0.0.1:${pooler.port} ` +
      `(transaction pooling, pool ${size} = ${proxyPool.maxConnectionsPercent}% of max_connections ` +
      `${serverMaxConnections}, queue wait ${queueWaitSeconds} s) → PostgreSQL ${upstream.hostname}:${upstream.port || 5432}`,
    pinnedSessions: () => relay.pinnedSessions(),
    report: () => formatPinnedSessions(relay.sessions()),
    stop: async () => {
      await relay.stop();
      await pooler.stop();
    },
  };
}

async function maxConnections(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ max_connections: string }[]>`show max_connections`;
    return Number(row?.max_connections);
  } finally {
    await sql.end();
  }
}

/**
 * A pooler URL turned into one through the relay in front of it, optionally labelled. postgres.js sends URL
 * query parameters it does not know as startup parameters, which is how the label reaches the relay.
 */
export function chainUrl(poolerUrl: string, relayPort: number, label?: string): string {
  const url = new URL(poolerUrl);
  url.port = String(relayPort);
  if (label) url.searchParams.set(clientLabelParameter, label);
  return url.toString();
}
