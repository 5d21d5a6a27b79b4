import { describe, expect, it } from "vitest";
import { borrowLatencyThresholdMicroseconds } from "./alarm-specs";
import { type DashboardTargets, dashboardBody } from "./dashboard-spec";
import { metricsNamespace } from "./environment";
import { stageProfile } from "./stage-profile";

const names: DashboardTargets = {
  region: "eu-west-1",
  ordersQueue: "orders-q",
  deadLetterQueue: "orders-dlq",
  workerFunction: "worker-fn",
  httpApis: { api: "api-id", reporting: "reporting-id" },
  proxy: "orders-proxy",
  cluster: "orders-cluster",
};

/** Every metric line as "namespace/name dimension=value". */
function metricsOf(body: ReturnType<typeof dashboardBody>): string[] {
  return body.widgets.flatMap((w) =>
    w.properties.metrics.map((line) => {
      const [namespace, name, dimension, value] = line as string[];
      return `${namespace}/${name} ${dimension}=${value}`;
    }),
  );
}

describe("the operations dashboard", () => {
  const body = dashboardBody(names, stageProfile("production"));

  it("follows an order: requests, queue depth and age, worker concurrency, outcomes, proxy, ACU", () => {
    expect(body.widgets.map((w) => w.properties.title)).toEqual([
      "Requests (HTTP APIs)",
      "Orders queue: depth and age",
      "Worker concurrency",
      "Order outcomes",
      "Proxy borrow latency (µs)",
      "Proxy connections",
      "Aurora capacity (ACU)",
    ]);
    const metrics = metricsOf(body);
    expect(metrics).toEqual(
      expect.arrayContaining([
        "AWS/ApiGateway/Count ApiId=api-id",
        "AWS/ApiGateway/Count ApiId=reporting-id",
        "AWS/SQS/ApproximateNumberOfMessagesVisible QueueName=orders-q",
        "AWS/SQS/ApproximateAgeOfOldestMessage QueueName=orders-q",
        "AWS/Lambda/ConcurrentExecutions FunctionName=worker-fn",
        `${metricsNamespace}/OrdersAccepted service=order-worker`,
        `${metricsNamespace}/FailedPermanent service=order-worker`,
        `${metricsNamespace}/OrdersQueued service=api`,
        "AWS/RDS/DatabaseConnectionsBorrowLatency ProxyName=orders-proxy",
        "AWS/RDS/DatabaseConnections ProxyName=orders-proxy",
        "AWS/RDS/MaxDatabaseConnectionsAllowed ProxyName=orders-proxy",
        "AWS/RDS/ServerlessDatabaseCapacity DBClusterIdentifier=orders-cluster",
      ]),
    );
  });

  it("draws the alarm's borrow latency, the borrow timeout and the stage's ACU range", () => {
    const borrow = body.widgets.find((w) => w.properties.title.startsWith("Proxy borrow"));
    expect(borrow?.properties.annotations?.horizontal.map((a) => a.value)).toEqual([
      borrowLatencyThresholdMicroseconds,
      10_000_000,
    ]);
    const acu = body.widgets.find((w) => w.properties.title.startsWith("Aurora"));
    expect(acu?.properties.annotations?.horizontal.map((a) => a.value)).toEqual([16, 1]);
  });

  it("is valid for CloudWatch: every widget placed on the 24-column grid, in the stage's region", () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      expect(w.properties.region).toBe("eu-west-1");
      expect(w.properties.metrics.length).toBeGreaterThan(0);
      const cell = `${w.x},${w.y}`;
      expect(cells.has(cell)).toBe(false);
      cells.add(cell);
    }
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it("leaves out the proxy and Aurora under sst dev", () => {
    const { proxy: _p, cluster: _c, ...local } = names;
    const metrics = metricsOf(dashboardBody(local, stageProfile("alice")));
    expect(metrics.some((m) => m.startsWith("AWS/RDS/"))).toBe(false);
  });
});
