import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { WorkerMetrics } from "../domain/ports";
import type { WorkerConfig } from "./config";

/**
 * The worker's Powertools metrics: CloudWatch Embedded Metric Format on stdout (CloudWatch Logs turns the
 * lines into metrics, so recording one costs no call).
 */
export function createMetrics(config: WorkerConfig): Metrics {
  return new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
}

/**
 * The `WorkerMetrics` port on Powertools metrics. A count by a dimension goes out as a single metric, so
 * its dimension does not reach the invocation's other metrics.
 */
export function powertoolsMetrics(metrics: Metrics): WorkerMetrics {
  return {
    count: (name, value) => metrics.addMetric(name, MetricUnit.Count, value),
    countBy: (name, dimension, value) => {
      const single = metrics.singleMetric();
      single.addDimension(dimension.name, dimension.value);
      single.addMetric(name, MetricUnit.Count, value);
    },
    milliseconds: (name, value) => metrics.addMetric(name, MetricUnit.Milliseconds, value),
    publish: () => metrics.publishStoredMetrics(),
  };
}
