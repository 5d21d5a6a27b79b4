import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { alarmSpecs, oldestMessageAgeThresholdSeconds } from "./alarm-specs";

const names = { ordersQueue: "orders-q", deadLetterQueue: "orders-dlq", proxy: "orders-proxy" };

describe("alarms", () => {
  it("fire on the first message in the dead-letter queue", () => {
    const dlq = alarmSpecs(names).find((spec) => spec.key === "DeadLetters");
    expect(dlq).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "orders-dlq" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      datapointsToAlarm: 1,
    });
  });

  it("fire when the backlog is older than a few retry cycles, on the orders queue", () => {
    const age = alarmSpecs(names).find((spec) => spec.key === "OrdersBacklogAge");
    expect(age?.dimensions).toEqual({ QueueName: "orders-q" });
    expect(age?.threshold).toBe(oldestMessageAgeThresholdSeconds);
    expect(oldestMessageAgeThresholdSeconds).toBeGreaterThan(2 * orderFlow.visibilityTimeoutSeconds);
  });

  it("fire on any pinned proxy session, per proxy", () => {
    const pinned = alarmSpecs(names).find((spec) => spec.key === "ProxySessionPinning");
    expect(pinned).toMatchObject({
      namespace: "AWS/RDS",
      metricName: "DatabaseConnectionsCurrentlySessionPinned",
      dimensions: { ProxyName: "orders-proxy" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
    });
  });

  it("leave out the proxy alarm when there is no proxy (sst dev)", () => {
    const keys = alarmSpecs({ ordersQueue: "q", deadLetterQueue: "d" }).map((spec) => spec.key);
    expect(keys).toEqual(["DeadLetters", "OrdersBacklogAge"]);
  });

  it("have unique keys and evaluate sensibly", () => {
    const specs = alarmSpecs(names);
    expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
    for (const spec of specs) {
      expect(spec.datapointsToAlarm).toBeLessThanOrEqual(spec.evaluationPeriods);
      expect(spec.periodSeconds % 60).toBe(0);
      expect(spec.treatMissingData).toBe("notBreaching");
    }
  });
});
