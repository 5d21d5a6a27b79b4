import type { SQSClient } from "@aws-sdk/client-sqs";
import { classifyDbError } from "@orders/db-client";
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

async function translateDbErrors<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (classifyDbError(error).retryable) throw new DatabaseUnavailableError(error);
    throw error;
  }
}

/**
 * Queue depths from SQS; any SQS failure is a 503 problem (the dashboard shows it and keeps the rest).
 * `sqs` is a getter, like `sql` above: the client is built on the first queue request, since building one
 * starts reading the SDK's shared config files (for its defaults mode), work a cold start need not do.
 */
export function sqsQueueDepthReader(sqs: () => SQSClient, urls: QueueUrls): QueueDepthReader {
  return {
    read: async () => {
      try {
        return await readQueueDepths(sqs(), urls);
      } catch (error) {
        throw new QueueUnavailableError(error);
      }
    },
  };
}
