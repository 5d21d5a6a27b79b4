import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { stageProfile } from "../stage-profile";
import { monthlyCost, scheduleMinutes } from "./monthly-cost";
import { priceList, tieredCost } from "./prices";

const idle = { ordersPerSecond: 0, itemsPerOrder: 3, flow: { ...orderFlow } };
const hours = 730;

function usd(cost: ReturnType<typeof monthlyCost>, service: string, item?: RegExp): number {
  const lines = cost.lines.filter((l) => l.service === service && (!item || item.test(l.item)));
  expect(lines.length, `${service} ${item ?? ""}`).toBeGreaterThan(0);
  return lines.reduce((sum, l) => sum + l.monthlyUsd, 0);
}

describe("the price list", () => {
  it("states region, date and a source page for every price", () => {
    expect(priceList.region).toBe("us-east-1");
    expect(priceList.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const price of Object.values(priceList.prices)) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.tiers.at(-1)?.upTo).toBeNull();
    }
  });

  it("prices each tier's share of the quantity", () => {
    // 400 M HTTP API requests: 300 M at $1.00 per million, 100 M at $0.90
    expect(tieredCost(400e6, priceList.prices.apiGatewayHttpRequest)).toBeCloseTo(390, 6);
    expect(tieredCost(0, priceList.prices.apiGatewayHttpRequest)).toBe(0);
  });
});

describe("idle cost of a personal stage", () => {
  const profile = stageProfile("alice");
  const cost = monthlyCost(idle, profile);

  it("pays for one instance at its 0.5 ACU floor, no reader, and the proxy's 8 ACU minimum", () => {
    expect(usd(cost, "Aurora", /capacity, writer/)).toBeCloseTo(0.5 * hours * 0.12, 6); // 43.80
    expect(usd(cost, "Aurora", /capacity, no reader/)).toBe(0);
    expect(usd(cost, "RDS Proxy")).toBeCloseTo(8 * hours * 0.015, 6); // 87.60
  });

  it("pays for two interface endpoints (SQS, Secrets Manager) and no NAT, instance or public address", () => {
    expect(usd(cost, "VPC", /interface endpoints/)).toBeCloseTo(2 * hours * 0.01, 6);
    expect(cost.lines.filter((l) => l.service === "NAT" || l.service === "EC2")).toEqual([]);
    expect(cost.lines.filter((l) => /public IPv4/.test(l.item))).toEqual([]);
  });

  it("pays for the Cloud Map namespace's hosted zone of SST's VPC", () => {
    expect(usd(cost, "Cloud Map")).toBeCloseTo(0.5, 6);
  });

  it("totals about $151 a month, and about $19 without the proxy (the cluster could pause)", () => {
    // Aurora 43.80 + proxy 87.60 + 2 interface endpoints 14.60 + 5 secrets 2.00
    // + 22 alarms 2.20 (no reader: no replica lag alarm) + hosted zone 0.50 + 657,000 idle polls 0.26
    // + hourly rollups ~0.01
    const expected = 43.8 + 87.6 + 14.6 + 2.0 + 2.2 + 0.5 + 0.2628 + 0.005;
    expect(cost.totalUsd).toBeCloseTo(expected, 2);
    const withoutProxy = monthlyCost(idle, profile, { withoutProxy: true });
    expect(withoutProxy.totalUsd).toBeCloseTo(expected - 43.8 - 87.6, 2);
  });

  it("prices the reader decision: a reader would add its 0.5 ACU floor, $43.80, and its lag alarm", () => {
    const withReader = monthlyCost(idle, { ...profile, aurora: { ...profile.aurora, replicas: 1 } });
    expect(usd(withReader, "Aurora", /1 reader for the read-only endpoint/)).toBeCloseTo(
      0.5 * hours * 0.12,
      6,
    );
    expect(withReader.totalUsd - cost.totalUsd).toBeCloseTo(43.8 + 0.1, 6);
  });
});

describe("production", () => {
  const profile = stageProfile("production");

  it("idles at the floors of writer and reader, the proxy minimum, two NAT gateways and a bastion", () => {
    const cost = monthlyCost(idle, profile);
    expect(usd(cost, "Aurora", /capacity, writer/)).toBeCloseTo(hours * 0.12, 6); // 1 ACU floor
    expect(usd(cost, "Aurora", /1 reader for the read-only endpoint/)).toBeCloseTo(hours * 0.12, 6);
    expect(usd(cost, "NAT", /gateways/)).toBeCloseTo(2 * hours * 0.045, 6);
    expect(usd(cost, "EC2", /bastion/)).toBeCloseTo(hours * 0.0042, 6);
    // Aurora 175.20 + proxy 87.60 + NAT gateways 65.70 + bastion 3.07 + volume 0.64 + 3 IPv4 10.95
    // + 5 secrets 2.00 + 23 alarms 2.30 + hosted zone 0.50 + idle polls 0.26 + rollups every 5 minutes 0.06
    // + their logs ~0.003
    const expected = 175.2 + 87.6 + 65.7 + 3.066 + 0.64 + 10.95 + 2.0 + 2.3 + 0.5 + 0.2628 + 0.0602 + 0.0026;
    expect(cost.totalUsd).toBeCloseTo(expected, 2);
  });

  it("bills the API, the queue and the API's access logs per order at 100 orders/s", () => {
    const cost = monthlyCost({ ...idle, ordersPerSecond: 100 }, profile);
    const orders = 100 * 3600 * hours; // 262.8 M, inside the first API tier
    expect(usd(cost, "API Gateway")).toBeCloseTo(orders * 1e-6, 6);
    // one send per order; one receive and one delete per batch of 10
    expect(usd(cost, "SQS")).toBeCloseTo((orders + 2 * (orders / 10)) * 0.4e-6, 6);
    // one 450-byte access log line per request, ingested at $0.50/GB and kept a month at $0.03/GB-month
    const accessGb = (orders * 450) / 1024 ** 3;
    expect(usd(cost, "CloudWatch", /access log ingestion/)).toBeCloseTo(accessGb * 0.5, 6); // 55.08
    expect(usd(cost, "CloudWatch", /access log storage/)).toBeCloseTo(accessGb * 0.03, 6);
  });
});

describe("schedules", () => {
  it("reads EventBridge rate expressions", () => {
    expect(scheduleMinutes("rate(5 minutes)")).toBe(5);
    expect(scheduleMinutes("rate(60 minutes)")).toBe(60);
    expect(scheduleMinutes("rate(1 hour)")).toBe(60);
    expect(() => scheduleMinutes("cron(0 * * * ? *)")).toThrow(/unsupported/);
  });
});
