import { deadlines, orderFlow, proxyPool } from "@orders/settings";
import { describe, expect, it } from "vitest";
import {
  type AlarmTargets,
  alarmSpecs,
  borrowLatencyThresholdMicroseconds,
  oldestMessageAgeThresholdSeconds,
  proxyConnectionsThreshold,
  replicaLagThresholdMs,
} from "./alarm-specs";
import { connectionBudget, proxyHeadroomFactor } from "./connection-budget";
import { metricsNamespace } from "./environment";
import { functionSpecs } from "./functions";
import { stageProfile } from "./stage-profile";

const names: AlarmTargets<string> = {
  ordersQueue: "orders-q",
  deadLetterQueue: "orders-dlq",
  rollupDeadLetterQueue: "rollup-dlq",
  functions: {
    api: "api-fn",
    worker: "worker-fn",
    reportingHttp: "reporting-fn",
    rollup: "rollup-fn",
    migrator: "migrator-fn",
  },
  httpApis: { api: "api-id", reporting: "reporting-id" },
  proxy: "orders-proxy",
  cluster: "orders-cluster",
};
const production = stageProfile("production");
const dev = stageProfile("alice");
const specs = alarmSpecs(names, production);
const byKey = (key: string, list = specs) => list.find((spec) => spec.key === key);

describe("alarms", () => {
  it("fire on the first message in the dead-letter queue", () => {
    expect(byKey("DeadLetters")).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "orders-dlq" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      datapointsToAlarm: 1,
    });
  });

  it("fire when the backlog is older than a few retry cycles, on the orders queue", () => {
    const age = byKey("OrdersBacklogAge");
    expect(age?.dimensions).toEqual({ QueueName: "orders-q" });
    expect(age?.threshold).toBe(oldestMessageAgeThresholdSeconds);
    expect(oldestMessageAgeThresholdSeconds).toBeGreaterThan(2 * orderFlow.visibilityTimeoutSeconds);
  });

  it("fire within a minute of one permanent order failure, on the worker's own metric", () => {
    expect(byKey("OrderFailedPermanently")).toMatchObject({
      namespace: metricsNamespace,
      metricName: "FailedPermanent",
      dimensions: { service: functionSpecs.worker.serviceName },
      statistic: "Sum",
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
    });
  });

  it("fire on a failed rollup and on anything in the rollup schedule's dead-letter queue", () => {
    expect(byKey("RollupFailed")).toMatchObject({
      namespace: metricsNamespace,
      metricName: "RollupFailures",
      dimensions: { service: functionSpecs.rollup.serviceName },
      datapointsToAlarm: 1,
    });
    expect(byKey("RollupScheduleDeadLetters")).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "rollup-dlq" },
      statistic: "Maximum",
      threshold: 0,
    });
  });

  it("watch errors and throttles of every deployed function, by its name", () => {
    for (const [key, name] of Object.entries(names.functions)) {
      const lambda = specs.filter(
        (spec) => spec.namespace === "AWS/Lambda" && spec.dimensions.FunctionName === name,
      );
      expect(lambda.map((spec) => spec.metricName).sort(), key).toEqual(["Errors", "Throttles"]);
    }
    expect(Object.keys(names.functions).sort()).toEqual(Object.keys(functionSpecs).sort());
    // No migrator under `sst dev`: no alarm names a function that does not exist.
    const { migrator: _, ...deployed } = names.functions;
    const withoutMigrator = alarmSpecs({ ...names, functions: deployed }, production);
    expect(withoutMigrator.some((spec) => spec.dimensions.FunctionName === "migrator-fn")).toBe(false);
  });

  it("watch 5xx of both HTTP APIs", () => {
    const apis = specs.filter((spec) => spec.namespace === "AWS/ApiGateway");
    expect(apis.map((spec) => [spec.metricName, spec.dimensions.ApiId])).toEqual([
      ["5xx", "api-id"],
      ["5xx", "reporting-id"],
    ]);
  });

  it("fire on any pinned proxy session, per proxy", () => {
    expect(byKey("ProxySessionPinning")).toMatchObject({
      namespace: "AWS/RDS",
      metricName: "DatabaseConnectionsCurrentlySessionPinned",
      dimensions: { ProxyName: "orders-proxy" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
    });
  });

  it("fire when a proxy borrow outlasts the shortest database read deadline, before the borrow timeout", () => {
    const borrow = byKey("ProxyBorrowLatency");
    expect(borrow).toMatchObject({
      namespace: "AWS/RDS",
      metricName: "DatabaseConnectionsBorrowLatency",
      dimensions: { ProxyName: "orders-proxy" },
      statistic: "Maximum",
      threshold: borrowLatencyThresholdMicroseconds,
    });
    // Microseconds, as the proxy reports it.
    expect(borrowLatencyThresholdMicroseconds).toBe(
      1000 * Math.min(deadlines.apiDatabaseReadMs, deadlines.reportingDatabaseReadMs),
    );
    expect(borrowLatencyThresholdMicroseconds).toBeLessThan(
      proxyPool.connectionBorrowTimeoutSeconds * 1_000_000,
    );
  });

  it("fire on proxy authentication failures", () => {
    expect(byKey("ProxyAuthFailures")).toMatchObject({
      namespace: "AWS/RDS",
      metricName: "ClientConnectionsSetupFailedAuth",
      dimensions: { ProxyName: "orders-proxy" },
      statistic: "Sum",
      threshold: 0,
    });
  });

  it("fire when the proxy's connections eat into the budget's headroom, per stage", () => {
    for (const profile of [production, dev]) {
      const threshold = proxyConnectionsThreshold(profile);
      const budget = connectionBudget({ flow: orderFlow, profile });
      expect(threshold).toBe(Math.floor(budget.proxyPool / proxyHeadroomFactor));
      // Every budgeted client holding its connection stays under it.
      expect(budget.proxyClients).toBeLessThanOrEqual(threshold);
      expect(byKey("ProxyConnections", alarmSpecs(names, profile))).toMatchObject({
        metricName: "DatabaseConnections",
        dimensions: { ProxyName: "orders-proxy" },
        threshold,
      });
    }
    expect(proxyConnectionsThreshold(production)).toBe(1260);
  });

  it("fire when Aurora sits at the stage's maximum ACU", () => {
    for (const profile of [production, dev]) {
      expect(byKey("AuroraAtMaxCapacity", alarmSpecs(names, profile))).toMatchObject({
        namespace: "AWS/RDS",
        metricName: "ServerlessDatabaseCapacity",
        dimensions: { DBClusterIdentifier: "orders-cluster" },
        threshold: profile.aurora.maxAcu,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
      });
    }
  });

  it("watch replica lag only where a reader exists", () => {
    expect(byKey("ReplicaLag")).toMatchObject({
      metricName: "AuroraReplicaLagMaximum",
      dimensions: { DBClusterIdentifier: "orders-cluster" },
      threshold: replicaLagThresholdMs,
    });
    const noReader = { ...production, aurora: { ...production.aurora, replicas: 0 } };
    expect(byKey("ReplicaLag", alarmSpecs(names, noReader))).toBeUndefined();
  });

  it("leave out the proxy and Aurora alarms when there is neither (sst dev)", () => {
    const { proxy: _p, cluster: _c, ...local } = names;
    const keys = alarmSpecs(local, dev).map((spec) => spec.key);
    expect(keys.filter((key) => /Proxy|Aurora|Replica/.test(key))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining(["DeadLetters", "OrdersBacklogAge", "OrderFailedPermanently"]),
    );
  });

  it("have unique keys and evaluate sensibly", () => {
    expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
    for (const spec of specs) {
      expect(spec.datapointsToAlarm, spec.key).toBeLessThanOrEqual(spec.evaluationPeriods);
      expect(spec.periodSeconds % 60, spec.key).toBe(0);
      expect(spec.treatMissingData, spec.key).toBe("notBreaching");
      expect(Object.keys(spec.dimensions).length, spec.key).toBeGreaterThan(0);
    }
    expect(specs.length).toBe(5 + 2 * 5 + 2 + 4 + 2);
  });
});
