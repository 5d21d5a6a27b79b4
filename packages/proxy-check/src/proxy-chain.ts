import { locatePgBouncerBinary, type PgBouncer, startPgBouncer } from "@orders/local-postgres";
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
  /**
   * `required` (default): fail when PgBouncer is not installed (the tests, whose point is to run through it).
   * `if-installed`: without PgBouncer, the pinning check forwards straight to PostgreSQL, and
   * {@link ProxyChain.withoutPooler} says so (the local stack and `dev:db`, which must start anyway).
   */
  pooler?: "required" | "if-installed";
}

export interface ProxyChain {
  relay: PinningRelay;
  /** The transaction pooler; undefined when PgBouncer is not installed and the chain may go without. */
  pooler: PgBouncer | undefined;
  /** Pool size and queue wait the pooler got, derived from the proxy's settings (undefined without one). */
  pool: { size: number; queueWaitSeconds: number; serverMaxConnections: number } | undefined;
  /** Why the chain has no transaction pooler; undefined when it has one. */
  withoutPooler?: string;
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
  const postgresHop = { host: upstream.hostname, port: Number(upstream.port || 5432) };
  if (options.pooler === "if-installed" && !locatePgBouncerBinary()) {
    return startWithoutPooler(options, postgresHop);
  }
  const serverMaxConnections = await maxConnections(options.postgresUrl);
  const size = Math.max(1, Math.floor((serverMaxConnections * proxyPool.maxConnectionsPercent) / 100));
  const queueWaitSeconds = proxyPool.connectionBorrowTimeoutSeconds;
  const pooler = await startPgBouncer({
    upstream: postgresHop,
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
      `${serverMaxConnections}, queue wait ${queueWaitSeconds} s) → PostgreSQL ${postgresHop.host}:${postgresHop.port}`,
    pinnedSessions: () => relay.pinnedSessions(),
    report: () => formatPinnedSessions(relay.sessions()),
    stop: async () => {
      await relay.stop();
      await pooler.stop();
    },
  };
}

/**
 * The chain on a machine without PgBouncer: the pinning check still judges every statement, and forwards
 * straight to PostgreSQL. Each client connection is then a server connection of its own, and nothing stands
 * for the proxy's pool size or borrow queue.
 */
async function startWithoutPooler(
  options: StartProxyChainOptions,
  postgresHop: { host: string; port: number },
): Promise<ProxyChain> {
  const relay = await startPinningRelay({
    upstream: postgresHop,
    ...(options.relayPort !== undefined ? { port: options.relayPort } : {}),
    ...(options.onPin ? { onPin: options.onPin } : {}),
  });
  const passwords = new Map(options.users.map(({ user, password }) => [user, password]));
  return {
    relay,
    pooler: undefined,
    pool: undefined,
    withoutPooler: "PgBouncer is not installed",
    url: (user, database, label) => {
      const password = passwords.get(user);
      if (password === undefined) throw new Error(`the chain was not configured for user ${user}`);
      const direct = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${relay.port}/${database}`;
      return chainUrl(direct, relay.port, label);
    },
    describe: () =>
      `services → pinning check 127.0.0.1:${relay.port} → PostgreSQL ${postgresHop.host}:${postgresHop.port} ` +
      "(no transaction pooler)",
    pinnedSessions: () => relay.pinnedSessions(),
    report: () => formatPinnedSessions(relay.sessions()),
    stop: () => relay.stop(),
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
