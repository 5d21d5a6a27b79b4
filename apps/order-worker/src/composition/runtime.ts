import type { Logger } from "@aws-lambda-powertools/logger";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import { connectionConfigFromEnv, createDb, renewableDb } from "@orders/db-client";
import { readConfig } from "../adapters/config";
import { createLogger, powertoolsLog } from "../adapters/logger";
import { createMetrics, powertoolsMetrics } from "../adapters/metrics";
import { type OrderDatabase, postgresOrderRecorder } from "../adapters/order-repository";
import type { WorkerMetrics } from "../domain/ports";
import { createRecordOrderBatch, type RecordOrderBatch } from "../domain/record-order-batch";

/** What the worker's entry point calls, built once per container. */
export interface WorkerRuntime {
  /** The use case, wired to the container's database, logger and metrics. */
  recordOrderBatch: RecordOrderBatch;
  /** The logger the use case logs through: the entry point adds each invocation's context to it. */
  logger: Logger;
  /** The metrics the use case records: the entry point publishes them once per invocation. */
  metrics: WorkerMetrics;
  /** Closes the database client this runtime built, if it opened one (not an overriding one). */
  close(): Promise<void>;
}

/** Adapters a caller brings instead of the ones built from the environment (tests, benches, checks). */
export interface RuntimeOverrides {
  /** The database to record through; then the environment needs no database connection. */
  db?: OrderDatabase;
  logger?: Logger;
  metrics?: Metrics;
}

/**
 * Reads the configuration from `environment` and builds the worker's adapters, without I/O: the database
 * client connects on the first batch, as the worker role, and is reused across invocations (one connection
 * per container), replaced when a batch outlives its deadline (`renewableDb`). The connection settings are
 * read here, so a misconfigured function fails at cold start with a message naming what is missing.
 *
 * @example
 * const runtime = createRuntime(process.env); // once, at module scope: the Lambda init phase
 * const results = await runtime.recordOrderBatch(messages, { giveUpAt });
 */
export function createRuntime(
  environment: Record<string, string | undefined>,
  overrides: RuntimeOverrides = {},
): WorkerRuntime {
  const config = readConfig(environment);
  const logger = overrides.logger ?? createLogger(config);
  const metrics = powertoolsMetrics(overrides.metrics ?? createMetrics(config));
  let db = overrides.db;
  let close = async () => {};
  if (!db) {
    const connection = connectionConfigFromEnv(environment);
    const renewable = renewableDb(() => createDb(connection, { applicationName: config.serviceName }));
    db = {
      sql: () => renewable.current().sql,
      within: (deadlineMs, work) => renewable.within(deadlineMs, (client) => work(client.sql)),
    };
    close = () => renewable.close();
  }
  return {
    recordOrderBatch: createRecordOrderBatch({
      orders: postgresOrderRecorder(db),
      log: powertoolsLog(logger),
      metrics,
    }),
    logger,
    metrics,
    close,
  };
}
