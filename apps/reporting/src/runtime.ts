import { SQSClient } from "@aws-sdk/client-sqs";
import { postgresReportReader, sqsQueueDepthReader } from "./adapters";
import { queueUrlsFromEnv } from "./config";
import { reportingDb } from "./database";
import { createReportingApp } from "./http/create-app";
import { logger } from "./logger";

/**
 * The app wired to the real world from the environment: PostgreSQL as `orders_reporting` (opened on first
 * use) and SQS (`new SQSClient({})`, so `AWS_ENDPOINT_URL_SQS` points it at a local emulator). Fails fast
 * on missing queue URLs.
 */
export function createRuntimeApp() {
  const queueUrls = queueUrlsFromEnv();
  return createReportingApp({
    reports: postgresReportReader(() => reportingDb().sql),
    queues: sqsQueueDepthReader(new SQSClient({}), queueUrls),
    logger,
  });
}
