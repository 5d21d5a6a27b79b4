import { orderFlow } from "@orders/settings";

/** A CloudWatch metric alarm, as plain data (infra/alarms.ts turns each into `aws.cloudwatch.MetricAlarm`). */
export interface AlarmSpec<N = string> {
  key: string;
  description: string;
  namespace: string;
  metricName: string;
  /** Physical names (plain strings in tests, Pulumi outputs in infra). */
  dimensions: Record<string, N>;
  statistic: "Maximum" | "Sum" | "Average";
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold";
  treatMissingData: "notBreaching" | "breaching" | "missing" | "ignore";
}

/**
 * Oldest message on the orders queue older than this: the worker is not keeping up (or failing everything).
 * Several visibility timeouts, so one slow retry cycle does not page anyone.
 */
export const oldestMessageAgeThresholdSeconds = Math.max(600, 3 * orderFlow.visibilityTimeoutSeconds);

/**
 * Alarms of a stage, given the physical names CloudWatch dimensions use. Without a proxy (`sst dev` points
 * at a local database) there is no pinning alarm.
 */
export function alarmSpecs<N>(names: { ordersQueue: N; deadLetterQueue: N; proxy?: N }): AlarmSpec<N>[] {
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
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: oldestMessageAgeThresholdSeconds,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
  ];
  if (names.proxy === undefined) return specs;
  specs.push({
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
  });
  return specs;
}
