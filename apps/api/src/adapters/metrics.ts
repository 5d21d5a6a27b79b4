import { Metrics } from "@aws-lambda-powertools/metrics";

/**
 * The api's Powertools metrics (CloudWatch Embedded Metric Format on stdout; CloudWatch Logs turns the lines
 * into metrics, so recording one costs no call). Infra sets the namespace and the service name; the values
 * here are the local fallbacks, as for the logger.
 */
export function createMetrics(env: Record<string, string | undefined> = process.env): Metrics {
  return new Metrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE || "Orders",
    serviceName: env.POWERTOOLS_SERVICE_NAME || "orders-api",
  });
}

/**
 * Prints what an invocation (locally: a request) recorded, once, after its answer is built. Nothing and no
 * warning when it recorded nothing (`GET /health`, a validation error).
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
