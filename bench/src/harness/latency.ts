import { quantileSorted } from "simple-statistics";

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50/p99/max of a set of durations (ms), rounded to 0.1 ms; zeros when there are none. */
export function summariseLatency(durationsMs: readonly number[]): LatencySummary {
  if (durationsMs.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50: round(quantileSorted(sorted, 0.5)),
    p99: round(quantileSorted(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}
