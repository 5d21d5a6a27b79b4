import { type ServiceName, serviceRoles } from "@orders/settings";

/** Where a function's database connection goes: the local database (`sst dev`) or an RDS Proxy endpoint. */
export type DatabaseTarget =
  | { kind: "local"; url: string }
  | { kind: "proxy"; host: string; port: number; database: string };

/**
 * The environment `connectionConfigFromEnv()` (packages/db-client) reads. Through the proxy: host, port,
 * database and the service's own user (the IAM token is signed for that user; AWS_REGION comes from Lambda).
 * Locally: one `DATABASE_URL`. Never a password in AWS.
 */
export function databaseEnvironment(target: DatabaseTarget, service: ServiceName): Record<string, string> {
  if (target.kind === "local") return { DATABASE_URL: target.url };
  return {
    DB_HOST: target.host,
    DB_PORT: String(target.port),
    DB_NAME: target.database,
    DB_USER: serviceRoles[service],
  };
}

/** Queue URLs under the names every service reads. */
export function queueEnvironment(urls: { orders: string; deadLetter?: string }): Record<string, string> {
  return {
    ORDERS_QUEUE_URL: urls.orders,
    ...(urls.deadLetter === undefined ? {} : { ORDERS_DLQ_URL: urls.deadLetter }),
  };
}

/** Namespace of the Powertools metrics every function emits. */
export const metricsNamespace = "ServerlessOrders";

/** Powertools settings: the service name on every log line and metric. */
export function observabilityEnvironment(serviceName: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: serviceName, POWERTOOLS_METRICS_NAMESPACE: metricsNamespace };
}
