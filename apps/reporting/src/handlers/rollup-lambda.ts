import type { Context } from "aws-lambda";
import { createRollupRuntime } from "../composition/rollup-runtime";
import type { RollupResult } from "../domain/reports";

/** Built once per container (the Lambda init phase), reused by every invocation it serves. */
export const runtime = createRollupRuntime(process.env);

/**
 * EventBridge schedule target (asynchronous invocation): rebuilds the daily sales rollups for today and
 * yesterday, plus any backfill days in the event (`{"days": ["2026-11-01"]}` or `{"from": ..., "to": ...}`).
 * A failure throws, so Lambda's asynchronous retries (and the next schedule) try again; every run is
 * idempotent, so retries are safe. Each run prints its metrics (days rebuilt, duration, or a failure).
 */
export async function handler(event: unknown, context?: Context): Promise<RollupResult> {
  if (context) runtime.logger.addContext(context);
  return await runtime.rollUp(event);
}
