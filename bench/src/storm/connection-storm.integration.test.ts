import { describe, expect, it } from "vitest";
import { type ConnectionStormFigures, connectionStorm } from "./connection-storm";

describe("connection storm (smoke: 40 instances, max_connections 20, pool 5)", () => {
  it("direct connections hit 53300 while the pooler serves every instance within its pool", async () => {
    const result = await connectionStorm({ quick: true, log: () => {} });
    const { rounds, poolSize, maxConnections } = result.figures as ConnectionStormFigures;
    const direct = rounds.find((r) => r.target === "direct");
    const pooled = rounds.find((r) => r.target === "pooler");

    expect(maxConnections).toBe(20);
    expect(direct?.failuresByCode["53300"]).toBeGreaterThan(0);
    expect(direct?.peakBackends).toBeLessThanOrEqual(maxConnections);
    expect(pooled?.succeeded).toBe(pooled?.instances);
    expect(pooled?.peakBackends).toBeGreaterThan(0);
    expect(pooled?.peakBackends).toBeLessThanOrEqual(poolSize);
    expect(result.targetMet).toBe(true);
    // Every instance is accounted for, as a success or a failure with its code...
    for (const round of rounds) {
      const failed = Object.values(round.failuresByCode).reduce((sum, n) => sum + n, 0);
      expect(round.succeeded + failed).toBe(round.instances);
    }
    // ...and the one-line summary reports the measured figures, not the target.
    expect(result.summary).toContain(
      `pooler ${pooled?.succeeded}/${pooled?.instances} ok, peak ${pooled?.peakBackends} backends`,
    );
    expect(result.summary).toContain(
      `${direct?.failuresByCode["53300"]} x 53300, peak ${direct?.peakBackends}`,
    );
  });
});
