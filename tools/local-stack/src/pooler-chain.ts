import { startPgBouncer } from "@orders/local-postgres";
import { type ServiceName, serviceRoles } from "@orders/settings";

export interface PoolerChainOptions {
  /** The PostgreSQL the chain fronts. */
  upstream: { host: string; port: number };
  /** Where the services connect: the chain's first hop listens here. */
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
  port: number;
  /** The URL each service connects with: its own role, through the chain. */
  serviceUrls: Record<ServiceName, string>;
  stop(): Promise<void>;
}

/**
 * Pool per (database, role): a handful of functions on one machine. The deployed proxy's pool is sized from
 * the cluster's connection budget in infra; nothing here depends on this number.
 */
const localPoolSize = 5;

/**
 * Starts the chain that stands in for RDS Proxy in front of `upstream` and returns one URL per service role.
 * Everything between a service and PostgreSQL starts here, so a new hop changes this body only: for now
 * PgBouncer in transaction pooling mode (RDS Proxy multiplexes transactions the same way), on `port`.
 */
export async function startPoolerChain(options: PoolerChainOptions): Promise<PoolerChain> {
  const services = Object.keys(serviceRoles) as ServiceName[];
  const pooler = await startPgBouncer({
    upstream: options.upstream,
    port: options.port,
    users: services.map((service) => ({ user: serviceRoles[service], password: options.passwords[service] })),
    poolSize: localPoolSize,
    maxDbConnections: localPoolSize * services.length,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return {
    description: "PgBouncer, transaction pooling",
    port: pooler.port,
    serviceUrls: Object.fromEntries(
      services.map((service) => [service, pooler.url(serviceRoles[service], options.database)]),
    ) as Record<ServiceName, string>,
    stop: () => pooler.stop(),
  };
}
