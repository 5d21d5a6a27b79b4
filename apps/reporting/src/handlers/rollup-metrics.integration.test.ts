import { captureEmf, type EmfCapture } from "@orders/local-aws/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

// The rollup Lambda as deployed (configured by its environment), with metrics on: the capture starts
// before the import, because Powertools reads POWERTOOLS_METRICS_DISABLED when the Metrics are created.
let h: ReportingHarness;
let emf: EmfCapture;
let rollup: typeof import("./rollup-lambda");

beforeAll(async () => {
  h = await startReportingHarness("rollup_metrics");
  emf = captureEmf();
  Object.assign(process.env, {
    DATABASE_URL: h.database.serviceUrl("reporting"),
    POWERTOOLS_SERVICE_NAME: "reporting-rollup",
    POWERTOOLS_METRICS_NAMESPACE: "OrdersTest",
    POWERTOOLS_LOG_LEVEL: "WARN",
  });
  rollup = await import("./rollup-lambda");
});

afterAll(async () => {
  emf?.restore();
  await rollup?.runtime.close();
  await h?.close();
});

describe("rollup metrics", () => {
  const service = { service: "reporting-rollup" };

  it("print the days rebuilt and the run's duration as EMF for a run that committed", async () => {
    const before = emf.sets().length;
    const result = await rollup.handler({ from: "2026-01-01", to: "2026-01-05" });
    expect(result.days).toHaveLength(7);
    const sets = emf.sets().slice(before);
    expect(sets.every((set) => set.namespace === "OrdersTest")).toBe(true);
    expect(sets.flatMap((set) => set.values.DaysRebuilt ?? [])).toEqual([7]);
    const [duration, ...more] = sets.flatMap((set) => set.values.RollupDuration ?? []);
    expect(more).toEqual([]);
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(sets[0]?.units).toMatchObject({ DaysRebuilt: "Count", RollupDuration: "Milliseconds" });
    expect(sets.flatMap((set) => set.values.RollupFailures ?? [])).toEqual([]);
  });

  it("count a failed run, which still throws (Lambda's retries and the alarm see it)", async () => {
    const before = emf.values("RollupFailures", service).length;
    await expect(rollup.handler({ days: ["2026-13-01"] })).rejects.toThrow(/days/);
    expect(emf.values("RollupFailures", service).slice(before)).toEqual([1]);
    expect(emf.values("DaysRebuilt", service)).toEqual([7]);
  });
});
