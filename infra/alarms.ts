import { api, apiFunction } from "./api";
import { cloudDatabase, database } from "./database";
import { migrator } from "./migrator";
import { deadLetterQueue, ordersQueue } from "./queues";
import { reportingHttp, rollup, rollupDeadLetterQueue } from "./reporting";
import { reportingApi } from "./reporting-gateway";
import { alarmSpecs } from "./src/alarm-specs";
import { dashboardBody } from "./src/dashboard-spec";
import { physicalName } from "./src/naming";
import { profile } from "./stage";
import { worker } from "./worker";

/** Alarm notifications; subscribe an email or chat integration to it (docs/deploy.md). */
export const alarmTopic = new sst.aws.SnsTopic("Alarms");

const workerFunctionName = worker.nodes.function.apply((fn) => fn.name);
const clusterIdentifier = cloudDatabase ? database.nodes.cluster?.clusterIdentifier : undefined;

/**
 * One CloudWatch alarm per spec in src/alarm-specs: dead letters and backlog age, permanent order failures,
 * failed rollups and the rollup schedule's dead letters, errors and throttles of every function, API 5xx,
 * the proxy (pinning, borrow latency, authentication failures, connections) and Aurora (capacity at its
 * maximum, replica lag). docs/deploy.md says what each means and what to do.
 */
export const alarms = alarmSpecs(
  {
    ordersQueue: ordersQueue.nodes.queue.name,
    deadLetterQueue: deadLetterQueue.nodes.queue.name,
    rollupDeadLetterQueue: rollupDeadLetterQueue.nodes.queue.name,
    functions: {
      api: apiFunction.name,
      worker: workerFunctionName,
      reportingHttp: reportingHttp.name,
      rollup: rollup.name,
      ...(migrator ? { migrator: migrator.name } : {}),
    },
    httpApis: { api: api.nodes.api.id, reporting: reportingApi.nodes.api.id },
    proxy: cloudDatabase?.proxyName,
    cluster: clusterIdentifier,
  },
  profile,
).map(
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

/** The stage's operations dashboard (src/dashboard-spec): one order's path, from request to database. */
export const dashboard = new aws.cloudwatch.Dashboard("OperationsDashboard", {
  dashboardName: physicalName($app.name, $app.stage, "operations"),
  dashboardBody: $resolve({
    region: aws.getRegionOutput().region,
    ordersQueue: ordersQueue.nodes.queue.name,
    deadLetterQueue: deadLetterQueue.nodes.queue.name,
    workerFunction: workerFunctionName,
    api: api.nodes.api.id,
    reporting: reportingApi.nodes.api.id,
    proxy: $output(cloudDatabase?.proxyName),
    cluster: $output(clusterIdentifier),
  }).apply(({ api: apiId, reporting, proxy, cluster, ...names }) =>
    JSON.stringify(
      dashboardBody(
        {
          ...names,
          httpApis: { api: apiId, reporting },
          ...(proxy ? { proxy } : {}),
          ...(cluster ? { cluster } : {}),
        },
        profile,
      ),
    ),
  ),
});
