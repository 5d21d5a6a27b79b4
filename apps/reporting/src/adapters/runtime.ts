import { staffConventionFromEnv } from "@orders/identity";
import { deadlines } from "@orders/settings";
import { createReportingApp } from "../http/create-app";
import { signInSettingsFromEnv } from "../http/dashboard/sign-in-settings";
import { queueUrlsFromEnv } from "./config";
import { reportingClient, reportingDb } from "./database";
import { logger } from "./logger";
import { postgresReportReader, sqsQueueDepthReader } from "./readers";
import { reportingSqsClient } from "./sqs-client";

/**
 * The app wired to the real world from the environment: PostgreSQL as `orders_reporting` (connected on first
 * use) and one SQS client per container, built here at start-up. Fails fast on missing queue URLs.
 */
export function createRuntimeApp() {
  const queueUrls = queueUrlsFromEnv();
  const sqs = reportingSqsClient();
  return createReportingApp({
    reports: postgresReportReader(
      () => reportingDb().sql,
      (work) => reportingClient.within(deadlines.reportingDatabaseReadMs, (client) => work(client.sql)),
    ),
    queues: sqsQueueDepthReader(() => sqs, queueUrls),
    logger,
    signIn: signInSettingsFromEnv(),
    staff: staffConventionFromEnv(),
  });
}
