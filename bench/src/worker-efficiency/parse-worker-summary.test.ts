import { describe, expect, it } from "vitest";
import { parseWorkerFigures, parseWorkerSummary } from "./parse-worker-summary";

describe("parseWorkerSummary", () => {
  it("reads throughput, ratio and round trips from the worker benchmark's summary line", () => {
    const line =
      "summary: batch 10 → 1234 orders/s through the write path, 0.71 x the raw limit (1738 orders/s), " +
      "target >= 0.60: met; round trips per batch 2/2/2 for batch 1/10/100";
    expect(parseWorkerSummary(line)).toEqual({
      ordersPerSecondAt10: 1234,
      ratioAt10: 0.71,
      roundTrips: [2, 2, 2],
    });
  });

  it("reads the current format, which compares with the faster of two raw baselines", () => {
    const line =
      "summary: batch 10 → 2122 orders/s through the write path = 0.44 x the faster raw limit (4832 orders/s); " +
      "target >= 0.60 NOT met; write path round trips per batch 2/2/2 for batch sizes 1/10/100";
    expect(parseWorkerSummary(line)).toEqual({
      ordersPerSecondAt10: 2122,
      ratioAt10: 0.44,
      roundTrips: [2, 2, 2],
    });
  });

  it("refuses a line it does not understand instead of reporting zeros", () => {
    expect(() => parseWorkerSummary("summary: something else")).toThrow(/unexpected/);
  });
});

describe("parseWorkerFigures", () => {
  const measurement = {
    batchSize: 10,
    ordersPerSecond: { writePath: 3000, rawInsert: 4000, rawOneMessage: 5000 },
    roundTrips: { writePath: 1, rawInsert: 2, rawOneMessage: 1 },
  };

  it("reads the worker benchmark's table from its figures line", () => {
    const lines = [
      "a table",
      `figures: ${JSON.stringify({ itemsPerOrder: 3, measurements: [measurement] })}`,
    ];
    expect(parseWorkerFigures(lines)).toEqual({ itemsPerOrder: 3, measurements: [measurement] });
  });

  it("refuses output without a figures line, or one without measurements", () => {
    expect(() => parseWorkerFigures(["summary: …"])).toThrow(/no figures line/);
    expect(() => parseWorkerFigures([`figures: {"itemsPerOrder":3}`])).toThrow(/unexpected/);
  });
});
