import type { SQSClient } from "@aws-sdk/client-sqs";
import { classifyDbError } from "@orders/db-client";
import { unavailableOnTransient } from "@orders/http-problem";
import type postgres from "postgres";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import { DatabaseUnavailableError, QueueUnavailableError } from "../http/report-errors";
import { dailySalesReport } from "./daily-sales-report";
import { type QueueUrls, readQueueDepths } from "./queue-depth";
import { topProductsReport } from "./top-products-report";

/**
 * Reports from PostgreSQL. `sql` is a getter so the connection is opened on the first request, not at cold
 * start. Transient database failures become a 503 problem; anything else stays a bug (500).
 */
export function postgresReportReader(sql: () => postgres.Sql): ReportReader {
  return {
    dailySales: (from, to) => translateDbErrors(() => dailySalesReport(sql(), from, to)),
    topProducts: (from, to, limit) => translateDbErrors(() => topProductsReport(sql(), from, to, limit)),
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
 * `sqs` is a getter, like `sql` above: the client is built on the first queue request, since building one
 * starts reading the SDK's shared config files (for its defaults mode), work a cold start need not do.
 */
export function sqsQueueDepthReader(sqs: () => SQSClient, urls: QueueUrls): QueueDepthReader {
  return {
    read: () =>
      unavailableOnTransient(
        () => readQueueDepths(sqs(), urls),
        () => true, // every SQS failure: the dashboard shows the 503 and keeps the rest
        (cause) => new QueueUnavailableError(cause),
      ),
  };
}
