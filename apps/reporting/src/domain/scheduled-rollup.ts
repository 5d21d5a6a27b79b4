import type { Logger } from "@aws-lambda-powertools/logger";
import type postgres from "postgres";
import { type RollupResult, runRollup } from "../adapters/run-rollup";
import { rollupDays } from "./rollup-days";
import { parseRollupRequest } from "./rollup-request";

export interface ScheduledRollupDeps {
  sql: postgres.Sql;
  logger: Pick<Logger, "info">;
  now?: () => Date;
}

/**
 * One scheduled (or backfill) rollup: reads the request from the invoking event, rebuilds the scheduled
 * window plus the requested days, and logs what it did. Shared by the EventBridge Lambda and the local timer.
 */
export async function scheduledRollup(event: unknown, deps: ScheduledRollupDeps): Promise<RollupResult> {
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
