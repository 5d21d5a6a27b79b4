import type { RollupLog, RollupMetrics, RollupStore } from "./ports";
import type { RollupResult } from "./reports";
import { rollupDays } from "./rollup-days";
import { parseRollupRequest } from "./rollup-request";

export interface ScheduledRollupDeps {
  rollups: RollupStore;
  logger: RollupLog;
  /** `DaysRebuilt` and `RollupDuration` for a run that committed, `RollupFailures` for one that threw. */
  metrics?: RollupMetrics;
  now?: () => Date;
}

/**
 * One scheduled (or backfill) rollup: reads the request from the invoking event, rebuilds the scheduled
 * window plus the requested days, logs what it did and publishes its metrics (a failed run counts as
 * `RollupFailures` and throws on). Shared by the EventBridge Lambda and the local timer.
 */
export async function scheduledRollup(event: unknown, deps: ScheduledRollupDeps): Promise<RollupResult> {
  const started = performance.now();
  try {
    const result = await rollUp(event, deps);
    deps.metrics?.addMetric("DaysRebuilt", "Count", result.days.length);
    deps.metrics?.addMetric("RollupDuration", "Milliseconds", Math.round(performance.now() - started));
    return result;
  } catch (error) {
    deps.metrics?.addMetric("RollupFailures", "Count", 1);
    throw error;
  } finally {
    deps.metrics?.publishStoredMetrics();
  }
}

async function rollUp(event: unknown, deps: ScheduledRollupDeps): Promise<RollupResult> {
  const request = parseRollupRequest(event);
  const days = rollupDays((deps.now ?? (() => new Date()))(), request);
  const started = performance.now();
  const result = await deps.rollups.rebuild(days);
  deps.logger.info("daily sales rolled up", {
    firstDay: days[0],
    lastDay: days.at(-1),
    dayCount: days.length,
    backfill: request.days !== undefined || request.from !== undefined,
    orders: result.orders,
    productRows: result.productRows,
    removedProductRows: result.removedProductRows,
    durationMs: Math.round(performance.now() - started),
  });
  return result;
}
