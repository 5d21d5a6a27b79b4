import { SQSClient } from "@aws-sdk/client-sqs";
import { deadlines } from "@orders/settings";
import { createReportingApp } from "../http/create-app";
import { signInSettingsFromEnv } from "../http/dashboard/sign-in-settings";
import { queueUrlsFromEnv } from "./config";
import { reportingClient, reportingDb } from "./database";
import { logger } from "./logger";
import { postgresReportReader, sqsQueueDepthReader } from "./readers";

/**
 * The app wired to the real world from the environment: PostgreSQL as `orders_reporting` (connected on first
 * use) and one SQS client per container, built here at start-up (`AWS_ENDPOINT_URL_SQS` points it at a local
 * emulator). Its request-handler options are given explicitly, as the api does: with the default handler the
 * SDK starts reading its shared config files at construction, I/O that would be left pending by the import.
 * Short timeouts: the dashboard is waiting. Fails fast on missing queue URLs.
 */
export function createRuntimeApp() {
  const queueUrls = queueUrlsFromEnv();
  const sqs = new SQSClient({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 } });
  return createReportingApp({
    reports: postgresReportReader(
      () => reportingDb().sql,
      (work) => reportingClient.within(deadlines.reportingDatabaseReadMs, (client) => work(client.sql)),
    ),
    queues: sqsQueueDepthReader(() => sqs, queueUrls),
    logger,
    signIn: signInSettingsFromEnv(),
  });
}
