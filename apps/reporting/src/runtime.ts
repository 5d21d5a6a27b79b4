import { SQSClient } from "@aws-sdk/client-sqs";
import { postgresReportReader, sqsQueueDepthReader } from "./adapters";
import { queueUrlsFromEnv } from "./config";
import { reportingDb } from "./database";
import { createReportingApp } from "./http/create-app";
import { logger } from "./logger";

/**
 * The app wired to the real world from the environment: PostgreSQL as `orders_reporting` and SQS
 * (`new SQSClient({})`, so `AWS_ENDPOINT_URL_SQS` points it at a local emulator), each created on first
 * use and kept. Fails fast on missing queue URLs.
 */
export function createRuntimeApp() {
  const queueUrls = queueUrlsFromEnv();
  let sqs: SQSClient | undefined;
  return createReportingApp({
    reports: postgresReportReader(() => reportingDb().sql),
    queues: sqsQueueDepthReader(() => (sqs ??= new SQSClient({})), queueUrls),
    logger,
  });
}
