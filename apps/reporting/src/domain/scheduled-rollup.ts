import type { Logger } from "@aws-lambda-powertools/logger";
import type postgres from "postgres";
import { type RollupResult, runRollup } from "../adapters/run-rollup";
import { rollupDays } from "./rollup-days";
import { parseRollupRequest } from "./rollup-request";

/** Where a run's figures go (Powertools Metrics: EMF lines on stdout, CloudWatch metrics in AWS). */
export interface RollupMetrics {
  addMetric(name: string, unit: "Count" | "Milliseconds", value: number): void;
  publishStoredMetrics(): void;
}

export interface ScheduledRollupDeps {
  sql: postgres.Sql;
  logger: Pick<Logger, "info">;
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
  const result = await runRollup(deps.sql, days);
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
