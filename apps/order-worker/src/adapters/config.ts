/** What the worker reads from its environment besides the database connection (infra sets both). */
export interface WorkerConfig {
  /** The service in every log line and metric, and the database connection's `application_name`. */
  serviceName: string;
  /** The CloudWatch namespace of the worker's metrics. */
  metricsNamespace: string;
}

/**
 * Reads `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_METRICS_NAMESPACE`, with the local fallbacks. Infra names
 * the service through the environment; the value is still passed to Powertools explicitly, and a constructor
 * value would override the environment's.
 */
export function readConfig(env: Record<string, string | undefined>): WorkerConfig {
  return {
    serviceName: env.POWERTOOLS_SERVICE_NAME || "order-worker",
    metricsNamespace: env.POWERTOOLS_METRICS_NAMESPACE ?? "Orders",
  };
}
