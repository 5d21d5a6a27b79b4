import type { Context } from "aws-lambda";
import { rollupClient } from "../adapters/database";
import { logger } from "../adapters/logger";
import { rollupMetrics } from "../adapters/metrics";
import type { RollupResult } from "../adapters/run-rollup";
import { scheduledRollup } from "../domain/scheduled-rollup";

/**
 * EventBridge schedule target (asynchronous invocation): rebuilds the daily sales rollups for today and
 * yesterday, plus any backfill days in the event (`{"days": ["2026-11-01"]}` or `{"from": ..., "to": ...}`).
 * A failure throws, so Lambda's asynchronous retries (and the next schedule) try again; every run is
 * idempotent, so retries are safe. Each run prints its metrics (days rebuilt, duration, or a failure).
 */
export async function handler(event: unknown, context?: Context): Promise<RollupResult> {
  if (context) logger.addContext(context);
  return await scheduledRollup(event, { sql: rollupClient.current().sql, logger, metrics: rollupMetrics });
}
