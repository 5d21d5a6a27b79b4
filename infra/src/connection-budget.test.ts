import { orderFlow } from "@orders/settings";
import { describe, expect, it } from "vitest";
import {
  auroraPostgresMaxConnections,
  auroraPostgresMaxConnectionsByMaxAcu,
  lowMinimumAcuConnectionCap,
} from "./aurora-max-connections";
import {
  adminReserveConnections,
  connectionBudget,
  proxyHeadroomFactor,
  proxyPool,
} from "./connection-budget";
import { stageProfile } from "./stage-profile";

const stages = ["production", "alice", "ci"];

describe("connection budget of the configured platform", () => {
  it.each(stages)("holds on stage %s", (stage) => {
    const budget = connectionBudget({ flow: orderFlow, profile: stageProfile(stage) });
    expect(budget.problems).toEqual([]);
    expect(budget.proxyClients * proxyHeadroomFactor).toBeLessThanOrEqual(budget.proxyPool);
    expect(budget.outsideProxy).toBeGreaterThanOrEqual(1 + adminReserveConnections);
  });

  it("counts one connection per worker instance up to the mapping's maximum concurrency", () => {
    const profile = stageProfile("production");
    const budget = connectionBudget({ flow: orderFlow, profile });
    const byClient = Object.fromEntries(budget.lines.map((line) => [line.client.split(" (")[0], line]));
    expect(byClient["order-worker"]?.connections).toBe(orderFlow.maxConcurrency);
    expect(byClient.api?.connections).toBe(profile.reservedConcurrency.api);
    expect(byClient["reporting http"]?.connections).toBe(profile.reservedConcurrency.reportingHttp);
    expect(byClient["reporting rollup"]?.connections).toBe(profile.reservedConcurrency.rollup);
    expect(byClient.migrator).toMatchObject({ path: "direct", connections: 1 });
    expect(budget.proxyClients).toBe(
      orderFlow.maxConcurrency +
        profile.reservedConcurrency.api +
        profile.reservedConcurrency.reportingHttp +
        profile.reservedConcurrency.rollup,
    );
  });
});

describe("connection budget guards", () => {
  it.each(stages)(
    "fails on stage %s when the worker's concurrency is raised past what the proxy holds",
    (stage) => {
      const profile = stageProfile(stage);
      const base = connectionBudget({ flow: orderFlow, profile });
      const others = base.proxyClients - orderFlow.maxConcurrency;
      // Largest worker concurrency that still fits: derived from the budget itself, not hard-coded.
      const limit = Math.floor(base.proxyPool / proxyHeadroomFactor) - others;
      expect(limit).toBeGreaterThanOrEqual(orderFlow.maxConcurrency);

      const atLimit = connectionBudget({ flow: { maxConcurrency: limit }, profile });
      expect(atLimit.problems).toEqual([]);
      const pastLimit = connectionBudget({ flow: { maxConcurrency: limit + 1 }, profile });
      expect(pastLimit.problems).toHaveLength(1);
      expect(pastLimit.problems[0]).toMatch(/proxy pool/);
    },
  );

  it("fails when the API's reserved concurrency outgrows a dev stage's database", () => {
    const profile = stageProfile("alice");
    const budget = connectionBudget({
      flow: orderFlow,
      profile: { ...profile, reservedConcurrency: { ...profile.reservedConcurrency, api: 500 } },
    });
    expect(budget.problems.join()).toMatch(/proxy pool/);
  });

  it("fails when a budgeted function loses its reserved concurrency (unbounded instances)", () => {
    const profile = stageProfile("production");
    const budget = connectionBudget({
      flow: orderFlow,
      profile: { ...profile, reservedConcurrency: { ...profile.reservedConcurrency, reportingHttp: 0 } },
    });
    expect(budget.problems.join()).toMatch(/reportingHttp/);
  });

  it("fails when the proxy may take every connection, leaving none for the migrator and admins", () => {
    const budget = connectionBudget({
      flow: orderFlow,
      profile: stageProfile("production"),
      pool: { maxConnectionsPercent: 100 },
    });
    expect(budget.problems.join()).toMatch(/outside the proxy/);
  });

  it("follows the database size: shrinking production's max ACU shrinks the pool", () => {
    const profile = stageProfile("production");
    const small = connectionBudget({
      flow: orderFlow,
      profile: { ...profile, aurora: { ...profile.aurora, maxAcu: 1 } },
    });
    const large = connectionBudget({ flow: orderFlow, profile });
    expect(small.proxyPool).toBeLessThan(large.proxyPool);
  });
});

describe("proxy pool settings", () => {
  it("fail a blocked borrow before the worker times out", () => {
    expect(proxyPool.connectionBorrowTimeoutSeconds).toBeLessThan(orderFlow.workerTimeoutSeconds);
  });

  it("reject keeping more idle connections than the pool may open", () => {
    const profile = stageProfile("production");
    const budget = connectionBudget({
      flow: orderFlow,
      profile: { ...profile, aurora: { ...profile.aurora, proxyMaxIdleConnectionsPercent: 90 } },
    });
    expect(budget.problems.join()).toMatch(/proxyMaxIdleConnectionsPercent/);
  });
});

describe("Aurora PostgreSQL Serverless v2 max_connections", () => {
  it("never exceeds the documented parameter formula LEAST(memory / 9531392, 5000) at 2 GiB per ACU", () => {
    for (const [maxAcu, connections] of auroraPostgresMaxConnectionsByMaxAcu) {
      const formula = Math.min(Math.floor((maxAcu * 2 * 1024 ** 3) / 9_531_392), 5000);
      expect(connections).toBeLessThanOrEqual(formula);
      expect(connections).toBeGreaterThan(0);
    }
  });

  it("grows with the maximum ACU", () => {
    const values = auroraPostgresMaxConnectionsByMaxAcu.map(([, connections]) => connections);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it("uses the lower documented row between two rows", () => {
    expect(auroraPostgresMaxConnections({ minAcu: 1, maxAcu: 6 })).toBe(
      auroraPostgresMaxConnections({ minAcu: 1, maxAcu: 4 }),
    );
  });

  it("applies the documented cap when the range starts at 0 or 0.5 ACU", () => {
    expect(auroraPostgresMaxConnections({ minAcu: 0, maxAcu: 64 })).toBe(lowMinimumAcuConnectionCap);
    expect(auroraPostgresMaxConnections({ minAcu: 0.5, maxAcu: 64 })).toBe(lowMinimumAcuConnectionCap);
    expect(auroraPostgresMaxConnections({ minAcu: 1, maxAcu: 64 })).toBeGreaterThan(
      lowMinimumAcuConnectionCap,
    );
  });

  it("rejects ranges it has no documented value for", () => {
    expect(() => auroraPostgresMaxConnections({ minAcu: 0, maxAcu: 0.5 })).toThrow(RangeError);
    expect(() => auroraPostgresMaxConnections({ minAcu: 4, maxAcu: 2 })).toThrow(RangeError);
  });
});
