import { proxyPool } from "@orders/settings";
import { borrowLatencyThresholdMicroseconds } from "./alarm-specs";
import { metricsNamespace } from "./environment";
import { functionSpecs } from "./functions";
import type { StageProfile } from "./stage-profile";

/** Physical names the dashboard's metrics are keyed by (`proxy` and `cluster` are absent under `sst dev`). */
export interface DashboardTargets {
  region: string;
  ordersQueue: string;
  deadLetterQueue: string;
  workerFunction: string;
  httpApis: { api: string; reporting: string };
  proxy?: string;
  cluster?: string;
}

/** One line of a metric widget: namespace, metric name, dimension name/value pairs, then its options. */
type MetricLine = (string | { stat?: string; label?: string; yAxis?: "left" | "right" })[];

export interface MetricWidget {
  type: "metric";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: {
    title: string;
    region: string;
    view: "timeSeries";
    stacked: boolean;
    period: number;
    metrics: MetricLine[];
    annotations?: { horizontal: { label: string; value: number }[] };
    yAxis?: { left?: { min?: number; label?: string }; right?: { min?: number; label?: string } };
  };
}

/** The dashboard body CloudWatch takes (`aws.cloudwatch.Dashboard`'s `dashboardBody`, JSON-encoded). */
export interface DashboardBody {
  widgets: MetricWidget[];
}

const width = 12;
const height = 6;

/**
 * One operations dashboard per stage, following an order's path: requests at both HTTP APIs, the queue's
 * depth and age, the worker's concurrency, the orders' outcomes, the proxy's borrow latency and
 * connections, and Aurora's capacity. Metric names and dimensions are AWS's (see alarm-specs) and the
 * application's Powertools metrics; thresholds drawn as lines are the alarms' and the stage's.
 * ("CloudWatch dashboard body structure and syntax", CloudWatch API reference.)
 */
export function dashboardBody(
  names: DashboardTargets,
  profile: Pick<StageProfile, "aurora" | "reservedConcurrency">,
): DashboardBody {
  const widget = (
    title: string,
    metrics: MetricLine[],
    extra: Partial<MetricWidget["properties"]> = {},
  ): Omit<MetricWidget, "x" | "y"> => ({
    type: "metric",
    width,
    height,
    properties: {
      title,
      region: names.region,
      view: "timeSeries",
      stacked: false,
      period: 60,
      metrics,
      ...extra,
    },
  });
  const worker = functionSpecs.worker.serviceName;
  const api = functionSpecs.api.serviceName;
  const widgets: Omit<MetricWidget, "x" | "y">[] = [
    widget("Requests (HTTP APIs)", [
      ["AWS/ApiGateway", "Count", "ApiId", names.httpApis.api, { stat: "Sum", label: "orders API" }],
      ["AWS/ApiGateway", "5xx", "ApiId", names.httpApis.api, { stat: "Sum", label: "orders API 5xx" }],
      ["AWS/ApiGateway", "Count", "ApiId", names.httpApis.reporting, { stat: "Sum", label: "reporting" }],
      ["AWS/ApiGateway", "5xx", "ApiId", names.httpApis.reporting, { stat: "Sum", label: "reporting 5xx" }],
      [metricsNamespace, "QueueUnavailable", "service", api, { stat: "Sum", label: "503 queue unavailable" }],
    ]),
    widget("Orders queue: depth and age", [
      [
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "QueueName",
        names.ordersQueue,
        { stat: "Maximum", label: "waiting" },
      ],
      [
        "AWS/SQS",
        "ApproximateNumberOfMessagesNotVisible",
        "QueueName",
        names.ordersQueue,
        { stat: "Maximum", label: "in flight" },
      ],
      [
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "QueueName",
        names.deadLetterQueue,
        { stat: "Maximum", label: "dead letters" },
      ],
      [
        "AWS/SQS",
        "ApproximateAgeOfOldestMessage",
        "QueueName",
        names.ordersQueue,
        { stat: "Maximum", label: "oldest (s)", yAxis: "right" },
      ],
    ]),
    widget("Worker concurrency", [
      [
        "AWS/Lambda",
        "ConcurrentExecutions",
        "FunctionName",
        names.workerFunction,
        { stat: "Maximum", label: "worker instances" },
      ],
      [
        metricsNamespace,
        "BatchDatabaseTime",
        "service",
        worker,
        { stat: "p99", label: "batch database time p99 (ms)", yAxis: "right" },
      ],
    ]),
    widget("Order outcomes", [
      [metricsNamespace, "OrdersQueued", "service", api, { stat: "Sum", label: "queued (api)" }],
      [metricsNamespace, "OrdersAccepted", "service", worker, { stat: "Sum", label: "accepted" }],
      [metricsNamespace, "OrdersRejected", "service", worker, { stat: "Sum", label: "rejected" }],
      [metricsNamespace, "DuplicateDeliveries", "service", worker, { stat: "Sum", label: "duplicates" }],
      [metricsNamespace, "FailedTransient", "service", worker, { stat: "Sum", label: "failed, retried" }],
      [metricsNamespace, "FailedPermanent", "service", worker, { stat: "Sum", label: "failed for good" }],
      [
        metricsNamespace,
        "OrderAgeAtCommit",
        "service",
        worker,
        { stat: "p99", label: "age at commit p99 (ms)", yAxis: "right" },
      ],
    ]),
  ];
  if (names.proxy !== undefined) {
    widgets.push(
      widget(
        "Proxy borrow latency (µs)",
        [
          [
            "AWS/RDS",
            "DatabaseConnectionsBorrowLatency",
            "ProxyName",
            names.proxy,
            { stat: "Maximum", label: "max" },
          ],
          [
            "AWS/RDS",
            "DatabaseConnectionsBorrowLatency",
            "ProxyName",
            names.proxy,
            { stat: "Average", label: "average" },
          ],
        ],
        {
          annotations: {
            horizontal: [
              { label: "alarm", value: borrowLatencyThresholdMicroseconds },
              { label: "borrow timeout", value: proxyPool.connectionBorrowTimeoutSeconds * 1_000_000 },
            ],
          },
        },
      ),
      widget("Proxy connections", [
        [
          "AWS/RDS",
          "DatabaseConnections",
          "ProxyName",
          names.proxy,
          { stat: "Maximum", label: "database connections" },
        ],
        [
          "AWS/RDS",
          "MaxDatabaseConnectionsAllowed",
          "ProxyName",
          names.proxy,
          { stat: "Maximum", label: "allowed" },
        ],
        [
          "AWS/RDS",
          "ClientConnections",
          "ProxyName",
          names.proxy,
          { stat: "Maximum", label: "client connections" },
        ],
        [
          "AWS/RDS",
          "DatabaseConnectionsCurrentlySessionPinned",
          "ProxyName",
          names.proxy,
          { stat: "Maximum", label: "pinned" },
        ],
      ]),
    );
  }
  if (names.cluster !== undefined) {
    widgets.push(
      widget(
        "Aurora capacity (ACU)",
        [
          [
            "AWS/RDS",
            "ServerlessDatabaseCapacity",
            "DBClusterIdentifier",
            names.cluster,
            { stat: "Maximum", label: "ACU" },
          ],
        ],
        {
          annotations: {
            horizontal: [
              { label: "max ACU", value: profile.aurora.maxAcu },
              { label: "min ACU", value: profile.aurora.minAcu },
            ],
          },
          yAxis: { left: { min: 0 } },
        },
      ),
    );
  }
  // Two widgets a row, in the order above.
  return {
    widgets: widgets.map((w, index) => ({ ...w, x: (index % 2) * width, y: Math.floor(index / 2) * height })),
  };
}
