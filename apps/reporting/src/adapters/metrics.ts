import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Environment } from "./config";

/**
 * The rollup's Powertools metrics (CloudWatch Embedded Metric Format on stdout). Infra sets the namespace
 * and names each function's service through POWERTOOLS_SERVICE_NAME; the values here are the local
 * fallbacks, as for the logger. Powertools reads POWERTOOLS_METRICS_DISABLED when this is called.
 */
export function createMetrics(environment: Environment): Metrics {
  return new Metrics({
    namespace: environment.POWERTOOLS_METRICS_NAMESPACE || "Orders",
    serviceName: environment.POWERTOOLS_SERVICE_NAME || "reporting-rollup",
  });
}
