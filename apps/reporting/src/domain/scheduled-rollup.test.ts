import { describe, expect, it } from "vitest";
import type { RollupMetrics, RollupStore } from "./ports";
import { scheduledRollup } from "./scheduled-rollup";

const now = () => new Date("2026-11-28T08:00:00Z");

/** A rollup store that records what it was asked to rebuild, and fails when told to. */
function recordingStore(failure?: Error) {
  const asked: (readonly string[])[] = [];
  const store: RollupStore = {
    rebuild: async (days) => {
      asked.push(days);
      if (failure) throw failure;
      return { days: [...days], orders: 3, productRows: 2, removedProductRows: 1 };
    },
  };
  return { store, asked };
}

function recordingMetrics() {
  const added: [string, string, number][] = [];
  let published = 0;
  const metrics: RollupMetrics = {
    addMetric: (name, unit, value) => added.push([name, unit, value]),
    publishStoredMetrics: () => {
      published++;
    },
  };
  return { metrics, added, published: () => published };
}

describe("scheduledRollup", () => {
  it("rebuilds the scheduled window plus the backfill through the store, logs the run and counts its days", async () => {
    const { store, asked } = recordingStore();
    const { metrics, added, published } = recordingMetrics();
    const logged: [string, Record<string, unknown>][] = [];
    const logger = {
      info: (message: string, details: Record<string, unknown>) => logged.push([message, details]),
    };

    const result = await scheduledRollup({ days: ["2026-11-01"] }, { rollups: store, logger, metrics, now });

    expect(asked).toEqual([["2026-11-01", "2026-11-27", "2026-11-28"]]);
    expect(result).toEqual({ days: asked[0], orders: 3, productRows: 2, removedProductRows: 1 });
    expect(logged).toEqual([
      [
        "daily sales rolled up",
        expect.objectContaining({
          firstDay: "2026-11-01",
          lastDay: "2026-11-28",
          dayCount: 3,
          backfill: true,
        }),
      ],
    ]);
    expect(added.map(([name, unit]) => [name, unit])).toEqual([
      ["DaysRebuilt", "Count"],
      ["RollupDuration", "Milliseconds"],
    ]);
    expect(added[0]?.[2]).toBe(3);
    expect(published()).toBe(1);
  });

  it("counts a failed run and throws the store's error on, after publishing", async () => {
    const failure = new Error("lock timeout");
    const { store } = recordingStore(failure);
    const { metrics, added, published } = recordingMetrics();
    const logger = { info: () => {} };

    await expect(scheduledRollup({}, { rollups: store, logger, metrics, now })).rejects.toBe(failure);
    expect(added).toEqual([["RollupFailures", "Count", 1]]);
    expect(published()).toBe(1);
  });

  it("asks nothing of the store for a malformed request, and counts it as a failure", async () => {
    const { store, asked } = recordingStore();
    const { metrics, added } = recordingMetrics();
    await expect(
      scheduledRollup({ days: ["2026-13-01"] }, { rollups: store, logger: { info: () => {} }, metrics, now }),
    ).rejects.toThrow(/days/);
    expect(asked).toEqual([]);
    expect(added).toEqual([["RollupFailures", "Count", 1]]);
  });
});
