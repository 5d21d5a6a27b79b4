import { describe, expect, it } from "vitest";
import { type ChainReadFigures, chainRead, chainReadFigures, chainReadTargetRatio } from "./chain-read";

describe("chain read (smoke: 100 reads per path)", () => {
  it("reads the order on both paths and reports the measured figures, not the target", async () => {
    const lines: string[] = [];
    const result = await chainRead({ quick: true, log: (line) => lines.push(line) });
    const figures = result.figures as ChainReadFigures;

    expect(result.name).toBe("chain-read");
    expect(figures.readsPerPath).toBe(100);
    expect(figures.throughChain.count).toBe(100);
    expect(figures.chain).toMatch(/pinning check 127\.0\.0\.1:\d+ → PgBouncer 127\.0\.0\.1:\d+/);
    for (const summary of [figures.direct, figures.throughChain]) {
      expect(summary.p50).toBeGreaterThan(0);
      expect(summary.p99).toBeGreaterThanOrEqual(summary.p50);
      expect(summary.max).toBeGreaterThanOrEqual(summary.p99);
    }
    // The ratio is of the unrounded medians: within rounding of the printed ones.
    expect(figures.ratioP50).toBeCloseTo(figures.throughChain.p50 / figures.direct.p50, 0);
    expect(result.targetMet).toBe(figures.ratioP50 <= chainReadTargetRatio);
    expect(result.summary).toContain(
      `p50 ${figures.throughChain.p50} ms through the chain vs ${figures.direct.p50} ms direct (x${figures.ratioP50}`,
    );
    expect(lines.join("\n")).toMatch(/through the chain\s+100\s/);
  });
});

describe("chainReadFigures", () => {
  it("divides the chain's percentiles by the direct ones and rounds", () => {
    const direct = Array.from({ length: 100 }, (_, i) => (i < 99 ? 0.5 : 2));
    const chain = Array.from({ length: 100 }, (_, i) => (i < 99 ? 1.3 : 9));
    const figures = chainReadFigures("a → b", direct, chain);
    expect(figures.direct.p50).toBe(0.5);
    expect(figures.throughChain.p50).toBe(1.3);
    expect(figures.ratioP50).toBe(2.6);
    expect(figures.addedP50Ms).toBe(0.8);
    expect(figures.ratioP99).toBeGreaterThan(2.6);
    expect(figures.ratioP99).toBeLessThan(4.5);
  });
});
