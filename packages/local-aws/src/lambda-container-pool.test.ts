import type { Context, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { lambdaContainerPool } from "./lambda-container-pool";

const event: SQSEvent = { Records: [] };
const context = {} as Context;

describe("lambdaContainerPool", () => {
  it("creates a container per concurrent invocation and reuses warm ones afterwards", async () => {
    const calls: number[] = [];
    const pool = lambdaContainerPool(async (container) => async () => {
      calls.push(container);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await Promise.all([1, 2, 3].map(() => pool.handler(event, context)));
    expect(pool.containers()).toBe(3);
    expect([...calls].sort()).toEqual([0, 1, 2]);

    await pool.handler(event, context);
    await pool.handler(event, context);
    expect(pool.containers()).toBe(3);
  });

  it("returns the container to the pool when its invocation throws", async () => {
    let attempt = 0;
    const pool = lambdaContainerPool(async () => async () => {
      attempt += 1;
      if (attempt === 1) throw new Error("boom");
      return { batchItemFailures: [] };
    });
    await expect(pool.handler(event, context)).rejects.toThrow("boom");
    await expect(pool.handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(pool.containers()).toBe(1);
  });
});
