import { Metrics } from "@aws-lambda-powertools/metrics";

/**
 * The rollup's Powertools metrics (CloudWatch Embedded Metric Format on stdout). Infra sets the namespace
 * and names each function's service through POWERTOOLS_SERVICE_NAME; the values here are the local
 * fallbacks, as for the logger.
 */
export const rollupMetrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || "Orders",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || "reporting-rollup",
});
