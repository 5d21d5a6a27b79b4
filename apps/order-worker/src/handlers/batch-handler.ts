import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { type Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { deadlines } from "@orders/settings";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type postgres from "postgres";
import { processOrderBatch } from "../adapters/order-repository";
import { orderTrailEntry } from "./order-trail";
import { type RecordResult, settleRecords } from "./settle-records";

export interface OrderWorkerDeps {
  /** The container's one database client (created on first use), logged in as the worker role. */
  sql: () => postgres.Sql;
  /**
   * Runs the batch's database work within `deadlineMs`, failing it with a retryable error (and replacing
   * the connection) when it outlives it: see `renewableDb`. Without it the batch has no deadline of its
   * own, only the function's timeout.
   */
  within?: <T>(deadlineMs: number, work: (sql: postgres.Sql) => Promise<T>) => Promise<T>;
  logger: Logger;
  metrics: Metrics;
}

/** Marks one record failed for Powertools, carrying why. */
export class OrderRecordFailed extends Error {
  override name = "OrderRecordFailed";
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

export type OrderWorkerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The SQS event-source-mapping handler: settles the whole batch in one database transaction, then lets
 * Powertools build the partial batch response (`batchItemFailures`) from the per-record results.
 *
 * The batch is processed first and Powertools' record handler only replays each record's result, because
 * Powertools calls the record handler once per record, while the write path needs all records together
 * (one transaction, constant round trips).
 *
 * When every record fails (e.g. the database is unreachable), the handler throws Powertools'
 * `FullBatchFailureError` instead of listing every record: Lambda then sees a function error, retries the
 * whole batch, and its SQS poller backs off instead of hammering a database that is already in trouble.
 */
export function createOrderWorkerHandler(deps: OrderWorkerDeps): OrderWorkerHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    if (context) deps.logger.addContext(context);
    const giveUpAt = batchDeadline(context);
    const within = deps.within;
    let databaseMs = 0;
    const results = await settleRecords(event.Records, {
      processBatch: async (messages) => {
        const started = performance.now();
        try {
          return giveUpAt === undefined || within === undefined
            ? await processOrderBatch(deps.sql(), messages)
            : await within(Math.max(0, giveUpAt - Date.now()), (sql) => processOrderBatch(sql, messages));
        } finally {
          databaseMs += performance.now() - started;
        }
      },
      logger: deps.logger,
    });
    const settledAt = new Date();
    const counts = countResults(results);
    for (const [name, value] of Object.entries(counts)) deps.metrics.addMetric(name, MetricUnit.Count, value);
    const rejections = new Map<string, number>();
    for (const record of event.Records) {
      const result = results.get(record.messageId);
      if (!result) continue;
      const entry = orderTrailEntry(record, result, settledAt);
      deps.logger[entry.level](entry.message, entry.attributes);
      if (entry.attributes.ageMs !== undefined) {
        deps.metrics.addMetric("OrderAgeAtCommit", MetricUnit.Milliseconds, entry.attributes.ageMs);
      }
      if (result.ok && result.outcome.kind === "rejected") {
        const reason = rejectionKind(result.outcome.reason);
        rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
      }
    }
    // One metric per reason (a dimension of its own), so an alarm or a graph can tell "sold out" from
    // "unknown SKU"; the reason's kind only, never the SKU, which would make a metric per product.
    for (const [reason, count] of rejections) {
      const metric = deps.metrics.singleMetric();
      metric.addDimension("RejectionReason", reason);
      metric.addMetric("OrdersRejected", MetricUnit.Count, count);
    }
    deps.metrics.addMetric("BatchDatabaseTime", MetricUnit.Milliseconds, Math.round(databaseMs * 10) / 10);
    deps.logger.info("batch settled", {
      records: event.Records.length,
      ...counts,
      databaseMs: Math.round(databaseMs * 10) / 10,
    });
    try {
      return await processPartialResponse(event, (record: SQSRecord) => replay(results, record), processor, {
        ...(context ? { context } : {}),
      });
    } finally {
      deps.metrics.publishStoredMetrics();
    }
  };
}

/**
 * When the worker stops waiting for the database: `workerBatchMarginMs` before the function would time out.
 * A batch still waiting then fails as retryable (SQS redelivers it; the write is idempotent), instead of
 * Lambda killing the instance mid-flight with the connection in an unknown state.
 */
function batchDeadline(context: Context | undefined): number | undefined {
  if (!context) return undefined;
  return Date.now() + context.getRemainingTimeInMillis() - deadlines.workerBatchMarginMs;
}

function replay(results: ReadonlyMap<string, RecordResult>, record: SQSRecord) {
  const result = results.get(record.messageId);
  if (!result) throw new OrderRecordFailed("record was not settled", true);
  if (!result.ok) throw new OrderRecordFailed(result.reason, result.retryable);
  return result.outcome;
}

/** `insufficient_stock:SKU-1` → `insufficient_stock`: the rule that said no (see decideOrders). */
export function rejectionKind(reason: string): string {
  return reason.split(":", 1)[0] || "unknown";
}

/** Per-batch counts, published as metrics and logged (names are the CloudWatch metric names). */
function countResults(results: ReadonlyMap<string, RecordResult>) {
  const counts = {
    OrdersAccepted: 0,
    OrdersRejected: 0,
    DuplicateDeliveries: 0,
    FailedTransient: 0,
    FailedPermanent: 0,
  };
  for (const result of results.values()) {
    if (!result.ok) result.retryable ? counts.FailedTransient++ : counts.FailedPermanent++;
    else if (result.outcome.kind === "accepted") counts.OrdersAccepted++;
    else if (result.outcome.kind === "rejected") counts.OrdersRejected++;
    else counts.DuplicateDeliveries++;
  }
  return counts;
}
