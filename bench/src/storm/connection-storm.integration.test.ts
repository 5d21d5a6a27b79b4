import { describe, expect, it } from "vitest";
import { type ConnectionStormFigures, connectionStorm } from "./connection-storm";

describe("connection storm (smoke: 40 instances, max_connections 20, pool 5)", () => {
  it("direct connections hit 53300 while the pooler serves every instance within its pool", async () => {
    const lines: string[] = [];
    const result = await connectionStorm({ quick: true, log: (line) => lines.push(line) });
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
    expect(lines.join("\n")).toMatch(/peak backends/);
  });
});
