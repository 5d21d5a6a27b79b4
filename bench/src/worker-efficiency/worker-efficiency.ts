import type { Benchmark, BenchOptions, BenchResult } from "../harness/result";
import { runTsxScript } from "../harness/run-script";
import { parseWorkerFigures, parseWorkerSummary } from "./parse-worker-summary";

/** The worker's own throughput benchmark (owned by the worker; reused here, not duplicated). */
export const workerThroughputScript = "apps/order-worker/bench/worker-throughput.ts";

/**
 * Worker efficiency: runs the worker's benchmark (orders/s of `processOrderBatch` at batch 1/10/100 beside a
 * raw multi-row INSERT, with round trips per batch) and lifts its summary line into the bench summary.
 */
export async function workerEfficiency(options: BenchOptions): Promise<BenchResult> {
  const { code, lines } = await runTsxScript(
    workerThroughputScript,
    options.quick ? { BENCH_SCALE: "0.05" } : {},
    options.log,
  );
  const summaryLine = lines.find((line) => line.startsWith("summary:"));
  if (code !== 0 || !summaryLine) throw new Error(`${workerThroughputScript} failed (exit ${code})`);
  const parsed = parseWorkerSummary(summaryLine);
  return {
    name: "efficiency",
    summary: summaryLine.replace(/^summary:\s*/, ""),
    targetMet: parsed.ratioAt10 >= 0.6,
    figures: { ...parsed, ...parseWorkerFigures(lines), output: lines },
  };
}

export const workerEfficiencyBenchmark: Benchmark = {
  name: "efficiency",
  description:
    "worker batch write path vs raw multi-row INSERT at batch 1/10/100 (the worker's own benchmark)",
  run: (options) => workerEfficiency(options),
};
