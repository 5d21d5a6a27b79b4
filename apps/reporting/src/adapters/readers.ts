import type { SQSClient } from "@aws-sdk/client-sqs";
import { classifyDbError, type DbCall } from "@orders/db-client";
import { unavailableOnTransient } from "@orders/http-kit";
import { deadlines } from "@orders/settings";
import type postgres from "postgres";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import { DatabaseUnavailableError, QueueUnavailableError } from "../http/errors";
import { dailySalesReport } from "./daily-sales-report";
import { type QueueUrls, readQueueDepths } from "./queue-depth";
import { topProductsReport } from "./top-products-report";

/**
 * Reports from PostgreSQL. `sql` is a getter so the connection is opened on the first request, not at cold
 * start; `call` runs one report's queries on it (directly, or within the read deadline: see runtime.ts).
 * Transient database failures (a passed deadline included) become a 503 problem; anything else stays
 * a bug (500).
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

function translateDbErrors<T>(query: () => Promise<T>): Promise<T> {
  return unavailableOnTransient(
    query,
    (error) => classifyDbError(error).retryable,
    (cause) => new DatabaseUnavailableError(cause),
  );
}

/**
 * Queue depths from SQS; any SQS failure is a 503 problem (the dashboard shows it and keeps the rest).
 * `sqs` is a getter, like `sql` above: the caller decides where the client comes from (the runtime builds
 * one per container at start-up; a test hands in its own).
 */
export function sqsQueueDepthReader(sqs: () => SQSClient, urls: QueueUrls): QueueDepthReader {
  return {
    read: () =>
      unavailableOnTransient(
        // One deadline for both calls and the SDK's retries; Node does not keep the process up for it.
        () => readQueueDepths(sqs(), urls, AbortSignal.timeout(deadlines.reportingQueueDepthMs)),
        () => true, // every SQS failure: the dashboard shows the 503 and keeps the rest
        (cause) => new QueueUnavailableError(cause),
      ),
  };
}
