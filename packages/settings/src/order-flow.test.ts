import { describe, expect, it } from "vitest";
import { databaseConnection } from "./database";
import { orderFlow, orderFlowProblems } from "./order-flow";

describe("order flow settings", () => {
  it("satisfies every invariant", () => {
    expect(orderFlowProblems(orderFlow)).toEqual([]);
  });

  it("rejects a visibility timeout shorter than 6 x the worker timeout", () => {
    const problems = orderFlowProblems({
      ...orderFlow,
      visibilityTimeoutSeconds: 5 * orderFlow.workerTimeoutSeconds,
    } as never);
    expect(problems.join()).toMatch(/visibilityTimeoutSeconds/);
  });

  it("rejects a max receive count below 5", () => {
    expect(orderFlowProblems({ ...orderFlow, maxReceiveCount: 3 } as never).join()).toMatch(
      /maxReceiveCount/,
    );
  });

  it("rejects a concurrency outside the mapping's 2..1000", () => {
    expect(orderFlowProblems({ ...orderFlow, maxConcurrency: 1 } as never)).toHaveLength(1);
    expect(orderFlowProblems({ ...orderFlow, maxConcurrency: 1001 } as never)).toHaveLength(1);
  });

  it("rejects large batches without a batching window", () => {
    expect(
      orderFlowProblems({ ...orderFlow, batchSize: 100, batchWindowSeconds: 0 } as never).join(),
    ).toMatch(/batching window/);
  });
});

describe("database connection settings", () => {
  it("closes idle client connections before the proxy would", () => {
    expect(databaseConnection.clientIdleTimeoutSeconds).toBeLessThan(
      databaseConnection.proxyIdleClientTimeoutSeconds,
    );
  });

  it("refreshes IAM tokens before they expire", () => {
    expect(databaseConnection.iamTokenRefreshMarginSeconds).toBeGreaterThan(0);
    expect(databaseConnection.iamTokenRefreshMarginSeconds).toBeLessThan(
      databaseConnection.iamTokenLifetimeSeconds,
    );
  });
});
