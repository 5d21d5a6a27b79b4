import { orderTrailEntry } from "./order-trail";
import type { OrderRecorder, RecordOptions, WorkerLog, WorkerMetrics } from "./ports";
import type { QueuedMessage } from "./queued-message";
import { type RecordResult, settleBatch } from "./settle-batch";

export interface RecordOrderBatchDeps {
  orders: OrderRecorder;
  log: WorkerLog;
  metrics: WorkerMetrics;
}

/** Records one batch from the queue; answers each message's result, keyed by message id. */
export type RecordOrderBatch = (
  messages: readonly QueuedMessage[],
  options?: RecordOptions,
) => Promise<Map<string, RecordResult>>;

/**
 * The worker's use case: settles a batch of queued messages (see `settleBatch`: one transaction for the whole
 * batch), then tells what happened: one log line per order (see `orderTrailEntry`), the batch's counts and
 * database time as metrics and in one summary line, and rejections by rule. Publishing the metrics is left
 * to the caller, after its answer is built.
 *
 * Every recording call of the batch (the batch's, and each order's own after a permanent failure) gives up
 * at `options.giveUpAt`.
 *
 * @example
 * const recordOrderBatch = createRecordOrderBatch({ orders, log, metrics });
 * const results = await recordOrderBatch(messages, { giveUpAt: Date.now() + 5_000 });
 */
export function createRecordOrderBatch(deps: RecordOrderBatchDeps): RecordOrderBatch {
  return async (messages, options = {}) => {
    let databaseMs = 0;
    const orders: OrderRecorder = {
      recordBatch: async (batch) => {
        const started = performance.now();
        try {
          return await deps.orders.recordBatch(batch, options);
        } finally {
          databaseMs += performance.now() - started;
        }
      },
    };
    const results = await settleBatch(messages, { orders, log: deps.log });
    const settledAt = new Date();
    const counts = countResults(results);
    for (const [name, value] of Object.entries(counts)) deps.metrics.count(name, value);
    const rejections = new Map<string, number>();
    for (const queued of messages) {
      const result = results.get(queued.messageId);
      if (!result) continue;
      const entry = orderTrailEntry(queued, result, settledAt);
      deps.log[entry.level](entry.message, entry.attributes);
      if (entry.attributes.ageMs !== undefined) {
        deps.metrics.milliseconds("OrderAgeAtCommit", entry.attributes.ageMs);
      }
      if (result.ok && result.outcome.kind === "rejected") {
        const reason = rejectionKind(result.outcome.reason);
        rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
      }
    }
    // One metric per reason (a dimension of its own), so an alarm or a graph can tell "sold out" from
    // "unknown SKU"; the reason's kind only, never the SKU, which would make a metric per product.
    for (const [reason, count] of rejections) {
      deps.metrics.countBy("OrdersRejected", { name: "RejectionReason", value: reason }, count);
    }
    deps.metrics.milliseconds("BatchDatabaseTime", Math.round(databaseMs * 10) / 10);
    deps.log.info("batch settled", {
      records: messages.length,
      ...counts,
      databaseMs: Math.round(databaseMs * 10) / 10,
    });
    return results;
  };
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
