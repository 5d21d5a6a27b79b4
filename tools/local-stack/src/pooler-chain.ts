import type { ProvisionedDatabase } from "@orders/local-database";
import type { ProxyChain } from "@orders/proxy-check";
import { type ServiceName, serviceRoles } from "@orders/settings";

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
 * What `dev:db` tells about the chain that stands in for RDS Proxy in front of its kept PostgreSQL (the same
 * chain `npm start` and the tests use: pinning check, then PgBouncer in transaction pooling mode sized from
 * the proxy's settings, or the pinning check alone where PgBouncer is not installed), with one URL per
 * service role.
 */
export function poolerChainOf(database: ProvisionedDatabase & { chain: ProxyChain }): PoolerChain {
  const { chain } = database;
  const services = Object.keys(serviceRoles) as ServiceName[];
  return {
    description: chain.describe(),
    ...(chain.withoutPooler ? { withoutPooler: chain.withoutPooler } : {}),
    port: chain.relay.port,
    serviceUrls: Object.fromEntries(
      services.map((service) => [service, database.serviceUrl(service)]),
    ) as Record<ServiceName, string>,
    report: () => chain.report(),
    stop: () => database.stop(),
  };
}
