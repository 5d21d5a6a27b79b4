import { describe, expect, it } from "vitest";
import { summariseLatency } from "./latency";
import { formatTable } from "./table";

describe("formatTable", () => {
  it("right-aligns numeric columns and left-aligns text", () => {
    expect(
      formatTable([
        { target: "direct", N: 100 },
        { target: "pooler", N: 2000 },
      ]),
    ).toBe(["target     N", "------  ----", "direct   100", "pooler  2000"].join("\n"));
  });
});

describe("summariseLatency", () => {
  it("reports the median and the 99th percentile", () => {
    const durations = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summariseLatency(durations)).toEqual({ count: 100, p50: 50.5, p99: 99, max: 100 });
    expect(summariseLatency([])).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });
});
