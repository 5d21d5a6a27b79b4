import { staffConventionFromEnv } from "@orders/identity";
import { deadlines } from "@orders/settings";
import type { ReportingDeps } from "../http/create-app";
import { signInSettingsFromEnv } from "../http/dashboard/sign-in-settings";
import { queueUrlsFromEnv } from "./config";
import { reportingClient, reportingDb } from "./database";
import { logger } from "./logger";
import { postgresReportReader, sqsQueueDepthReader } from "./readers";
import { reportingSqsClient } from "./sqs-client";

export interface ReportingRuntime {
  deps: ReportingDeps;
  /** Closes the reports' database connection if one was opened (local server shutdown). */
  close(): Promise<void>;
}

/**
 * The real adapters wired from the environment: PostgreSQL as `orders_reporting` (connected on first use)
 * and one SQS client per container, built here at start-up. Fails fast on missing queue URLs.
 */
export function createRuntime(): ReportingRuntime {
  const queueUrls = queueUrlsFromEnv();
  const sqs = reportingSqsClient();
  return {
    deps: {
      reports: postgresReportReader(
        () => reportingDb().sql,
        (work) => reportingClient.within(deadlines.reportingDatabaseReadMs, (client) => work(client.sql)),
      ),
      queues: sqsQueueDepthReader(() => sqs, queueUrls),
      logger,
      signIn: signInSettingsFromEnv(),
      staff: staffConventionFromEnv(),
    },
    close: () => reportingClient.close(),
  };
}
