import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { deadlines } from "@orders/settings";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { WorkerRuntime } from "../composition/runtime";
import type { QueuedMessage } from "../domain/queued-message";
import type { RecordResult } from "../domain/settle-batch";

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
 * The SQS event-source-mapping handler: hands the batch's records to the use case (`recordOrderBatch`: the
 * whole batch in one database transaction), then lets Powertools build the partial batch response
 * (`batchItemFailures`) from the per-record results.
 *
 * The batch is processed first and Powertools' record handler only replays each record's result, because
 * Powertools calls the record handler once per record, while the write path needs all records together
 * (one transaction, constant round trips).
 *
 * When every record fails (e.g. the database is unreachable), the handler throws Powertools'
 * `FullBatchFailureError` instead of listing every record: Lambda then sees a function error, retries the
 * whole batch, and its SQS poller backs off instead of hammering a database that is already in trouble.
 *
 * @example
 * export const handler = createOrderWorkerHandler(createRuntime(process.env));
 */
export function createOrderWorkerHandler(runtime: WorkerRuntime): OrderWorkerHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    if (context) runtime.logger.addContext(context);
    const results = await runtime.recordOrderBatch(event.Records.map(queuedMessage), {
      giveUpAt: batchDeadline(context),
    });
    try {
      return await processPartialResponse(event, (record: SQSRecord) => replay(results, record), processor, {
        ...(context ? { context } : {}),
      });
    } finally {
      runtime.metrics.publish();
    }
  };
}

/** What the use case reads of an SQS record. */
function queuedMessage(record: SQSRecord): QueuedMessage {
  return {
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
    traceHeader: record.attributes?.AWSTraceHeader,
    correlationId: record.messageAttributes?.correlationId?.stringValue,
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
