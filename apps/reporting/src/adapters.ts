import type { SQSClient } from "@aws-sdk/client-sqs";
import { classifyDbError } from "@orders/db-client";
import { deadlines } from "@orders/settings";
import type postgres from "postgres";
import { DatabaseUnavailableError, QueueUnavailableError } from "./http/report-errors";
import type { QueueDepthReader, ReportReader } from "./ports";
import { type QueueUrls, readQueueDepths } from "./queue/queue-depth";
import { dailySalesReport } from "./reports/daily-sales-report";
import { topProductsReport } from "./reports/top-products-report";

/** Runs one report's queries on a connection (directly, or within the read deadline: see runtime.ts). */
export type SqlCall = <T>(work: (sql: postgres.Sql) => Promise<T>) => Promise<T>;

/**
 * Reports from PostgreSQL. `sql` is a getter so the connection is opened on the first request, not at cold
 * start. Transient database failures (a passed deadline included) become a 503 problem; anything else stays
 * a bug (500).
 */
export function postgresReportReader(
  sql: () => postgres.Sql,
  call: SqlCall = (work) => work(sql()),
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
        // One deadline for both calls and the SDK's retries; Node does not keep the process up for it.
        return await readQueueDepths(sqs(), urls, AbortSignal.timeout(deadlines.reportingQueueDepthMs));
      } catch (error) {
        throw new QueueUnavailableError(error);
      }
    },
  };
}
