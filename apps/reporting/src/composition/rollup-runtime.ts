import type { Logger } from "@aws-lambda-powertools/logger";
import type { Environment } from "../adapters/config";
import { rollupDatabase } from "../adapters/database";
import { createLogger } from "../adapters/logger";
import { createMetrics } from "../adapters/metrics";
import { postgresRollupStore } from "../adapters/run-rollup";
import type { RollupMetrics } from "../domain/ports";
import type { RollupResult } from "../domain/reports";
import { scheduledRollup } from "../domain/scheduled-rollup";

/** What the rollup's entry points (the scheduled Lambda, the local timer) call, built once per container. */
export interface RollupRuntime {
  /** One scheduled or backfill run for the invoking event (see `scheduledRollup`). */
  rollUp(event: unknown): Promise<RollupResult>;
  logger: Logger;
  /** Closes the rollup's database connection if one was opened. */
  close(): Promise<void>;
}

/** What a test or the local server may hand in instead of what the environment would build. */
export interface RollupRuntimeOverrides {
  logger?: Logger;
  metrics?: RollupMetrics;
  now?: () => Date;
}

/**
 * The daily sales rollup wired from `environment`: PostgreSQL as the rollup's own role (connected on the
 * first run), Powertools Logger and Metrics. Reads every setting now, so a missing one fails at start-up;
 * builds nothing at import time.
 *
 * @example
 * const runtime = createRollupRuntime(process.env);
 * export const handler = (event: unknown) => runtime.rollUp(event);
 */
export function createRollupRuntime(
  environment: Environment,
  overrides: RollupRuntimeOverrides = {},
): RollupRuntime {
  const database = rollupDatabase(environment);
  const logger = overrides.logger ?? createLogger(environment);
  const deps = {
    rollups: postgresRollupStore(() => database.current().sql),
    logger,
    metrics: overrides.metrics ?? createMetrics(environment),
    now: overrides.now,
  };
  return {
    rollUp: (event) => scheduledRollup(event, deps),
    logger,
    close: () => database.close(),
  };
}
