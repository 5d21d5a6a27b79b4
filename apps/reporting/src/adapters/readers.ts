import type { SQSClient } from "@aws-sdk/client-sqs";
import { classifyDbError, type DbCall } from "@orders/db-client";
import { deadlines } from "@orders/settings";
import type postgres from "postgres";
import { DatabaseUnavailableError, QueueDepthsUnavailableError } from "../domain/errors";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import { dailySalesReport } from "./daily-sales-report";
import { type QueueUrls, readQueueDepths } from "./queue-depth";
import { topProductsReport } from "./top-products-report";

/**
 * Reports from PostgreSQL. `sql` is a getter so the connection is opened on the first request, not at cold
 * start; `call` runs one report's queries on it (directly, or within the read deadline: see the HTTP
 * runtime). Transient database failures (a passed deadline included) become the domain's
 * `DatabaseUnavailableError`; anything else stays a bug.
 */
export function postgresReportReader(
  sql: () => postgres.Sql,
  call: DbCall<postgres.Sql> = (work) => work(sql()),
): ReportReader {
  return {
    dailySales: (from, to) => translateDbErrors(() => call((s) => dailySalesReport(s, from, to))),
    topProducts: (from, to, limit) =>
      translateDbErrors(() => call((s) => topProductsReport(s, from, to, limit))),
  };
}

async function translateDbErrors<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (classifyDbError(error).retryable) throw new DatabaseUnavailableError({ cause: error });
    throw error;
  }
}

/**
 * Queue depths from SQS; any SQS failure is the domain's `QueueDepthsUnavailableError` (the dashboard shows
 * it and keeps the rest). `sqs` is a getter, like `sql` above: the caller decides where the client comes
 * from (the runtime builds one per container at start-up; a test hands in its own).
 */
export function sqsQueueDepthReader(sqs: () => SQSClient, urls: QueueUrls): QueueDepthReader {
  return {
    read: async () => {
      try {
        // One deadline for both calls and the SDK's retries; Node does not keep the process up for it.
        return await readQueueDepths(sqs(), urls, AbortSignal.timeout(deadlines.reportingQueueDepthMs));
      } catch (error) {
        throw new QueueDepthsUnavailableError({ cause: error });
      }
    },
  };
}
