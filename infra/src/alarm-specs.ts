import { deadlines, orderFlow, proxyPool } from "@orders/settings";
import { connectionBudget, proxyHeadroomFactor } from "./connection-budget";
import { metricsNamespace } from "./environment";
import { functionSpecs } from "./functions";
import type { StageProfile } from "./stage-profile";

/** A CloudWatch metric alarm, as plain data (infra/alarms.ts turns each into `aws.cloudwatch.MetricAlarm`). */
export interface AlarmSpec<N = string> {
  key: string;
  description: string;
  namespace: string;
  metricName: string;
  /** Physical names (plain strings in tests, Pulumi outputs in infra), or a fixed value such as a service. */
  dimensions: Record<string, N | string>;
  statistic: "Maximum" | "Sum" | "Average";
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold";
  treatMissingData: "notBreaching" | "breaching" | "missing" | "ignore";
}

/** The functions of a stage, by their key in functionSpecs. */
export type FunctionKey = keyof typeof functionSpecs;

/** Physical names of what the alarms watch; `proxy` and `cluster` are absent under `sst dev`. */
export interface AlarmTargets<N> {
  ordersQueue: N;
  deadLetterQueue: N;
  /** The rollup schedule's own dead-letter queue. */
  rollupDeadLetterQueue: N;
  /** Lambda function names (the migrator only where it is deployed). */
  functions: Partial<Record<FunctionKey, N>>;
  /** HTTP API ids: the orders API and reporting's. */
  httpApis: { api: N; reporting: N };
  proxy?: N;
  cluster?: N;
}

/**
 * Oldest message on the orders queue older than this: the worker is not keeping up (or failing everything).
 * Several visibility timeouts, so one slow retry cycle does not page anyone.
 */
export const oldestMessageAgeThresholdSeconds = Math.max(600, 3 * orderFlow.visibilityTimeoutSeconds);

/**
 * A borrow slower than the shortest database read deadline fails that read with a 503 before the proxy's own
 * borrow timeout (`proxyPool.connectionBorrowTimeoutSeconds`) would. In microseconds, the metric's unit.
 */
export const borrowLatencyThresholdMicroseconds =
  Math.min(deadlines.apiDatabaseReadMs, deadlines.reportingDatabaseReadMs) * 1000;

/**
 * Reader lag beyond the worker's own time limit: reports (which read the reader) then lag the writer by more
 * than the slowest batch the worker may take to commit. Milliseconds, the metric's unit.
 */
export const replicaLagThresholdMs = orderFlow.workerTimeoutSeconds * 1000;

/**
 * Back-end connections above this share of the proxy's pool eat the headroom the connection budget keeps
 * (worst-case clients x `proxyHeadroomFactor` must fit the pool): pinned sessions or a client the budget
 * does not know.
 */
export function proxyConnectionsThreshold(
  profile: Pick<StageProfile, "aurora" | "reservedConcurrency">,
): number {
  const budget = connectionBudget({ flow: orderFlow, profile, pool: proxyPool });
  return Math.floor(budget.proxyPool / proxyHeadroomFactor);
}

/** Labels of the functions in alarm keys and descriptions. */
const functionLabels: Record<FunctionKey, string> = {
  api: "Api",
  worker: "Worker",
  reportingHttp: "ReportingHttp",
  rollup: "Rollup",
  migrator: "Migrator",
};

const anyOf = {
  statistic: "Sum",
  periodSeconds: 60,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
} as const;
/** The first occurrence pages: the thing should never happen. */
const atOnce = { ...anyOf, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;
/** Sustained: 3 of 5 minutes, so one slow minute does not page anyone. */
const sustained = { evaluationPeriods: 5, datapointsToAlarm: 3, periodSeconds: 60 } as const;

/**
 * The alarms of a stage, given the physical names CloudWatch dimensions use. Metric names and dimensions
 * are AWS's: "Available CloudWatch metrics for Amazon SQS", "Monitoring RDS Proxy metrics with Amazon
 * CloudWatch" (per-proxy metrics under `AWS/RDS`, dimension `ProxyName`; borrow latency in microseconds),
 * "Amazon Aurora metrics" (`ServerlessDatabaseCapacity` and `AuroraReplicaLagMaximum` per
 * `DBClusterIdentifier`), "Types of metrics for Lambda functions" (`Errors`, `Throttles` per
 * `FunctionName`) and "Monitor CloudWatch metrics for HTTP APIs in API Gateway" (`5xx` per `ApiId`). The
 * application's own metrics are Powertools' (namespace `metricsNamespace`, dimension `service`).
 * Without a proxy (`sst dev` points at a local database) there are no proxy or Aurora alarms; without a
 * reader, no replica lag alarm.
 */
export function alarmSpecs<N>(
  names: AlarmTargets<N>,
  profile: Pick<StageProfile, "aurora" | "reservedConcurrency">,
): AlarmSpec<N>[] {
  const specs: AlarmSpec<N>[] = [
    {
      key: "DeadLetters",
      description:
        "Orders reached the dead-letter queue: they failed orderFlow.maxReceiveCount times. Inspect, fix, redrive (docs/deploy.md).",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: names.deadLetterQueue },
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      key: "OrdersBacklogAge",
      description: `The oldest order has waited more than ${oldestMessageAgeThresholdSeconds} s: the worker is behind or failing.`,
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: names.ordersQueue },
      statistic: "Maximum",
      ...sustained,
      threshold: oldestMessageAgeThresholdSeconds,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      key: "OrderFailedPermanently",
      description:
        "The worker failed an order for good (poison message, or data the database refuses): it is on its way to the dead-letter queue. Find it by the worker's 'order failed' lines (docs/deploy.md).",
      namespace: metricsNamespace,
      metricName: "FailedPermanent",
      dimensions: { service: functionSpecs.worker.serviceName },
      ...atOnce,
    },
    {
      key: "RollupFailed",
      description:
        "A reporting rollup run failed (RollupFailures): the dashboard's recent days stay live-aggregated until a run succeeds.",
      namespace: metricsNamespace,
      metricName: "RollupFailures",
      dimensions: { service: functionSpecs.rollup.serviceName },
      ...atOnce,
    },
    {
      key: "RollupScheduleDeadLetters",
      description:
        "A scheduled rollup was never run: the schedule or Lambda's asynchronous invocation gave up on it and sent it to the rollup's dead-letter queue.",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: names.rollupDeadLetterQueue },
      ...atOnce,
      statistic: "Maximum",
    },
  ];

  for (const [key, name] of Object.entries(names.functions) as [FunctionKey, N | undefined][]) {
    if (name === undefined) continue;
    const label = functionLabels[key];
    specs.push(
      {
        key: `${label}Errors`,
        description: `The ${functionSpecs[key].serviceName} function failed invocations (uncaught errors, timeouts, a worker batch that failed whole).`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: name },
        ...atOnce,
      },
      {
        key: `${label}Throttles`,
        description: `The ${functionSpecs[key].serviceName} function was throttled: its reserved concurrency (or the account's) is spent.`,
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions: { FunctionName: name },
        ...atOnce,
      },
    );
  }

  for (const [key, apiId] of Object.entries(names.httpApis) as ["api" | "reporting", N][]) {
    specs.push({
      key: key === "api" ? "Api5xx" : "ReportingApi5xx",
      description: `The ${key === "api" ? "orders" : "reporting"} HTTP API answered 5xx in 3 of 5 minutes: a dependency is unavailable (the services' 503), or a function failed or was throttled.`,
      namespace: "AWS/ApiGateway",
      metricName: "5xx",
      dimensions: { ApiId: apiId },
      ...anyOf,
      ...sustained,
    });
  }

  if (names.proxy === undefined) return specs;
  specs.push(
    {
      key: "ProxySessionPinning",
      description:
        "Client sessions are pinned to database connections (no multiplexing): a session SET, temp table, advisory lock function, statement over 16 KB or named prepared statement reached the proxy. The connection budget assumes this stays 0; the local pinning check (npm test, npm start) holds it there.",
      namespace: "AWS/RDS",
      metricName: "DatabaseConnectionsCurrentlySessionPinned",
      dimensions: { ProxyName: names.proxy },
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 2,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      key: "ProxyBorrowLatency",
      description: `Clients waited more than ${borrowLatencyThresholdMicroseconds / 1_000_000} s for a database connection at the proxy (its borrow timeout is ${proxyPool.connectionBorrowTimeoutSeconds} s): the pool is exhausted, reads answer 503 and worker batches fail.`,
      namespace: "AWS/RDS",
      metricName: "DatabaseConnectionsBorrowLatency",
      dimensions: { ProxyName: names.proxy },
      statistic: "Maximum",
      ...sustained,
      datapointsToAlarm: 2,
      threshold: borrowLatencyThresholdMicroseconds,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    {
      key: "ProxyAuthFailures",
      description:
        "Connections to the proxy failed authentication or TLS (ClientConnectionsSetupFailedAuth): an IAM token the proxy refuses (rds-db:connect, wrong user, clock) or a client without TLS.",
      namespace: "AWS/RDS",
      metricName: "ClientConnectionsSetupFailedAuth",
      dimensions: { ProxyName: names.proxy },
      ...anyOf,
      ...sustained,
      datapointsToAlarm: 2,
    },
    {
      key: "ProxyConnections",
      description: `The proxy holds more than ${proxyConnectionsThreshold(profile)} database connections, half its pool: the connection budget's headroom is being used (pinned sessions, an unbudgeted client).`,
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: { ProxyName: names.proxy },
      statistic: "Maximum",
      ...sustained,
      threshold: proxyConnectionsThreshold(profile),
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
  );

  if (names.cluster === undefined) return specs;
  specs.push({
    key: "AuroraAtMaxCapacity",
    description: `Aurora Serverless v2 ran at its maximum of ${profile.aurora.maxAcu} ACU in 3 of 5 minutes: it cannot scale further.`,
    namespace: "AWS/RDS",
    metricName: "ServerlessDatabaseCapacity",
    dimensions: { DBClusterIdentifier: names.cluster },
    statistic: "Maximum",
    ...sustained,
    threshold: profile.aurora.maxAcu,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  });
  if (profile.aurora.replicas > 0) {
    specs.push({
      key: "ReplicaLag",
      description: `The reader lags the writer by more than ${replicaLagThresholdMs / 1000} s in 3 of 5 minutes: reports are that much behind.`,
      namespace: "AWS/RDS",
      metricName: "AuroraReplicaLagMaximum",
      dimensions: { DBClusterIdentifier: names.cluster },
      statistic: "Maximum",
      ...sustained,
      threshold: replicaLagThresholdMs,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });
  }
  return specs;
}
