import { cloudDatabase } from "./database";
import { deadLetterQueue, ordersQueue } from "./queues";
import { alarmSpecs } from "./src/alarm-specs";

/** Alarm notifications; subscribe an email or chat integration to it (docs/deploy.md). */
export const alarmTopic = new sst.aws.SnsTopic("Alarms");

/** One CloudWatch alarm per spec in src/alarm-specs (DLQ depth, backlog age, proxy session pinning). */
export const alarms = alarmSpecs({
  ordersQueue: ordersQueue.nodes.queue.name,
  deadLetterQueue: deadLetterQueue.nodes.queue.name,
  proxy: cloudDatabase?.proxyName,
}).map(
  (spec) =>
    new aws.cloudwatch.MetricAlarm(`Alarm${spec.key}`, {
      alarmDescription: spec.description,
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions,
      statistic: spec.statistic,
      period: spec.periodSeconds,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      threshold: spec.threshold,
      comparisonOperator: spec.comparisonOperator,
      treatMissingData: spec.treatMissingData,
      alarmActions: [alarmTopic.arn],
      okActions: [alarmTopic.arn],
    }),
);
