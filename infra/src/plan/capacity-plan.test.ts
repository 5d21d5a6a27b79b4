import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { stageProfile } from "../stage-profile";
import { designPeakOrdersPerSecond, planCapacity } from "./capacity-plan";
import { workerSecondsPerBatch, writePathSecondsPerBatch } from "./load-model";

// Worked examples: every expected figure is computed here by hand from write-path-model.json
// (batch 10 measured at 2,843 orders/s, batch 100 at 5,919; the burst's peak drain 721 orders/s at
// concurrency 10 and batch 10; a POST 57.5 ms; 0.25 vCPU per ACU at 70 %).
const dbSecondsAt10 = 10 / 2843;
const dbSecondsAt100 = 100 / 5919;
const workerSecondsAt10 = (10 * 10) / 721;

describe("the load model", () => {
  it("takes the measured write-path time at a measured batch size", () => {
    expect(writePathSecondsPerBatch(10, 3)).toBeCloseTo(dbSecondsAt10, 9);
    expect(writePathSecondsPerBatch(100, 3)).toBeCloseTo(dbSecondsAt100, 9);
  });

  it("interpolates between measured batch sizes and scales with items per order", () => {
    expect(writePathSecondsPerBatch(55, 3)).toBeCloseTo((dbSecondsAt10 + dbSecondsAt100) / 2, 9);
    expect(writePathSecondsPerBatch(10, 6)).toBeCloseTo(2 * dbSecondsAt10, 9);
  });

  it("times a worker invocation from the burst's drain, growing only by the database part", () => {
    expect(workerSecondsPerBatch(10, 3)).toBeCloseTo(workerSecondsAt10, 9);
    expect(workerSecondsPerBatch(100, 3)).toBeCloseTo(workerSecondsAt10 - dbSecondsAt10 + dbSecondsAt100, 9);
  });
});

describe("a plan for 100 orders/s on production (peak x2)", () => {
  const plan = planCapacity({ ordersPerSecond: 100, stage: "production" });

  it("derives transactions, instances and connections from the batch", () => {
    expect(plan.peakOrdersPerSecond).toBe(200);
    expect(plan.flow.recommended).toEqual({ batchSize: 10, batchWindowSeconds: 1, maxConcurrency: 4 });
    expect(plan.database.transactionsPerSecond).toBe(20);
    expect(plan.flow.expectedWorkerInstances).toBeCloseTo(20 * workerSecondsAt10, 9); // 2.77
    expect(plan.database.proxyClientConnectionsAtPeak).toBe(3);
    expect(plan.lambda.apiInstances).toBeCloseTo(200 * 0.0575, 9); // 11.5
    expect(plan.lambda.recommendedApiReservedConcurrency).toBe(15); // ceil(11.5 x 1.25)
  });

  it("sizes the database from the write path's CPU time", () => {
    expect(plan.database.vcpu).toBeCloseTo(20 * dbSecondsAt10, 9); // 0.070 vCPU -> 0.40 ACU
    expect(plan.database.acuNeeded).toBe(0.5);
    expect(plan.database.recommendedMaxAcu).toBe(1);
    expect(plan.database.maxConnectionsAtMaxAcu).toBe(3360);
  });

  it("fits: no problem", () => {
    expect(plan.problems).toEqual([]);
    expect(plan.settingChanges).toEqual([]);
  });
});

describe("a plan for 1,000 orders/s on production (peak 2,000)", () => {
  const plan = planCapacity({ ordersPerSecond: 1000, stage: "production" });

  it("needs 4.5 ACU and 35 concurrent batches", () => {
    // 200 tx/s x 3.517 ms = 0.703 vCPU / 0.25 / 0.7 = 4.02 -> 4.5 ACU; 200 x 138.7 ms = 27.7 -> x1.25 = 35
    expect(plan.database.acuNeeded).toBe(4.5);
    expect(plan.database.recommendedMaxAcu).toBe(8);
    expect(plan.flow.recommended.maxConcurrency).toBe(35);
  });

  it("reports the exceeded limits, lowest first, with the setting to change", () => {
    expect(plan.limits.map((limit) => limit.id).slice(0, 3)).toEqual([
      "api-throttle",
      "worker-max-concurrency",
      "api-reserved-concurrency",
    ]);
    const worker = plan.limits.find((limit) => limit.id === "worker-max-concurrency");
    expect(worker?.capacityOrdersPerSecond).toBeCloseTo(
      (orderFlow.maxConcurrency * 10) / workerSecondsAt10,
      6,
    );
    expect(plan.problems).toHaveLength(3);
    expect(plan.problems[0]).toMatch(
      /API stage throttle .* carries 500 orders\/s .* needs 2,000: raise apiThrottle/,
    );
    expect(plan.problems[1]).toMatch(/carries 721 orders\/s .* raise orderFlow\.maxConcurrency/);
  });

  it("says what a client gets beyond each bound in front of the order: 429 from API Gateway, 500 from a Lambda throttle", () => {
    const sees = Object.fromEntries(plan.limits.map((limit) => [limit.id, limit.clientSees]));
    expect(sees["api-throttle"]).toMatch(/^429 /);
    expect(sees["api-gateway-account"]).toMatch(/^429 /);
    // Lambda refuses the invocation with its own 429; API Gateway, its caller, turns that into a 500.
    expect(sees["api-reserved-concurrency"]).toMatch(/^500 .*Internal Server Error/);
    expect(sees["lambda-account-concurrency"]).toMatch(/^500 /);
    // Bounds behind the queue delay orders; they refuse none.
    expect(sees["worker-max-concurrency"]).toBeUndefined();
    expect(sees["database-max-acu"]).toBeUndefined();
  });

  it("names the settings to raise and the values to set", () => {
    expect(plan.settingChanges).toEqual([
      { setting: "orderFlow.maxConcurrency", file: "packages/settings/src/order-flow.ts", from: 10, to: 35 },
      { setting: "reservedConcurrency.api", file: "infra/src/stage-profile.ts", from: 50, to: 144 },
      { setting: "apiThrottle.rateLimit", file: "infra/src/stage-profile.ts", from: 500, to: 2000 },
      { setting: "apiThrottle.burstLimit", file: "infra/src/stage-profile.ts", from: 1000, to: 4000 },
    ]);
  });
});

describe("at 100,000 orders/s (peak 200,000)", () => {
  const plan = planCapacity({ ordersPerSecond: 100_000, stage: "production" });

  it("moves to larger batches so one mapping and one writer can carry it", () => {
    expect(plan.flow.recommended.batchSize).toBe(50);
    expect(plan.flow.recommended.maxConcurrency).toBeLessThanOrEqual(1000);
    expect(plan.database.acuNeeded).toBeLessThanOrEqual(256);
  });

  it("finds no database size whose connections hold the API's instances", () => {
    expect(plan.database.recommendedMaxAcu).toBeUndefined();
    expect(plan.problems[0]).toMatch(/no Aurora maximum up to 256 ACU/);
  });
});

describe("input checks", () => {
  it("refuses loads and factors that mean nothing", () => {
    expect(() => planCapacity({ ordersPerSecond: 0 })).toThrow(/positive/);
    expect(() => planCapacity({ ordersPerSecond: 10, peakFactor: 0.5 })).toThrow(/peak factor/);
    expect(() => planCapacity({ ordersPerSecond: 10, itemsPerOrder: 0 })).toThrow(/items per order/);
  });
});

// The configured platform in CI: every stage must carry its design peak (its API throttle) with the
// settings that deploy. Raising a concurrency past the connection budget, or lowering the maximum ACU
// below what the peak needs, fails here with the planner's explanation.
describe.each(["production", "alice"])("stage %s at its design peak", (stage) => {
  const profile = stageProfile(stage);
  const designPeak = designPeakOrdersPerSecond(profile);

  it("carries it with the configured settings", () => {
    const plan = planCapacity({ ordersPerSecond: designPeak, peakFactor: 1, stage });
    expect(plan.problems, plan.problems.join("\n")).toEqual([]);
  });

  it("fails with the budget's explanation when the worker's concurrency outgrows the connections", () => {
    const plan = planCapacity({
      ordersPerSecond: designPeak,
      peakFactor: 1,
      stage,
      flow: { ...orderFlow, maxConcurrency: 1000 },
      profile: { ...profile, aurora: { ...profile.aurora, maxAcu: 1, minAcu: 0.5 } },
    });
    expect(plan.problems.join("\n")).toMatch(/connection budget: proxy clients can hold/);
  });

  it("fails naming aurora.maxAcu when the maximum ACU cannot carry the peak", () => {
    const perAcu = planCapacity({ ordersPerSecond: designPeak, peakFactor: 1, stage }).limits.find(
      (limit) => limit.id === "database-max-acu",
    );
    const carried = (perAcu?.capacityOrdersPerSecond ?? 0) / profile.aurora.maxAcu;
    const plan = planCapacity({
      ordersPerSecond: carried * 1.5,
      peakFactor: 1,
      stage,
      profile: {
        ...profile,
        apiThrottle: { rateLimit: 1e9, burstLimit: 1e9 },
        aurora: { ...profile.aurora, maxAcu: 1 },
      },
    });
    expect(plan.problems.join("\n")).toMatch(/database at its maximum of 1 ACU .* raise aurora\.maxAcu/);
  });
});
