import { startProxyChain } from "@orders/proxy-check";
import { type ServiceName, serviceRoles } from "@orders/settings";

export interface PoolerChainOptions {
  /** Superuser URL of the PostgreSQL the chain fronts (the chain reads its `max_connections`). */
  postgresUrl: string;
  /** Where the services connect: the pinning check, the chain's first hop, listens here. */
  port: number;
  /** Database the per-service URLs name. */
  database: string;
  /** Each service role's password, known to the chain and already set on the role. */
  passwords: Record<ServiceName, string>;
  onLog?: (line: string) => void;
}

export interface PoolerChain {
  /** What sits between the services and PostgreSQL, for the banner. */
  description: string;
  /** Why the chain has no transaction pooler (PgBouncer is not installed); undefined when it has one. */
  withoutPooler?: string;
  port: number;
  /** The URL each service connects with: its own role, through the chain. */
  serviceUrls: Record<ServiceName, string>;
  /** How many sessions would have pinned at RDS Proxy, with the statement that pinned each. */
  report(): string;
  stop(): Promise<void>;
}

/**
 * Starts the chain that stands in for RDS Proxy in front of a kept PostgreSQL, the same chain `npm start`
 * and the tests use (pinning check on `port`, then PgBouncer in transaction pooling mode sized from the
 * proxy's settings), and returns one URL per service role. Without PgBouncer on the machine, the pinning
 * check forwards straight to PostgreSQL and `withoutPooler` says so.
 */
export async function startPoolerChain(options: PoolerChainOptions): Promise<PoolerChain> {
  const services = Object.keys(serviceRoles) as ServiceName[];
  const chain = await startProxyChain({
    postgresUrl: options.postgresUrl,
    relayPort: options.port,
    pooler: "if-installed",
    users: services.map((service) => ({ user: serviceRoles[service], password: options.passwords[service] })),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return {
    description: chain.describe(),
    ...(chain.withoutPooler ? { withoutPooler: chain.withoutPooler } : {}),
    port: chain.relay.port,
    serviceUrls: Object.fromEntries(
      services.map((service) => [service, chain.url(serviceRoles[service], options.database, service)]),
    ) as Record<ServiceName, string>,
    report: () => chain.report(),
    stop: () => chain.stop(),
  };
}
