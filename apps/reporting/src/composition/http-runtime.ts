import type { Logger } from "@aws-lambda-powertools/logger";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { ServiceEnv } from "@orders/http-kit";
import type { ShippedFile } from "@orders/http-kit/docs-page-files";
import { staffConventionFromEnv } from "@orders/identity";
import { deadlines } from "@orders/settings";
import type { Hono } from "hono";
import { type Environment, queueUrlsFromEnv } from "../adapters/config";
import { shippedDashboardAssets } from "../adapters/dashboard-assets";
import { reportingDatabase } from "../adapters/database";
import { createLogger } from "../adapters/logger";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters/readers";
import { reportingSqsClient } from "../adapters/sqs-client";
import { createApp, type ReportingDeps } from "../http/create-app";
import { signInSettingsFromEnv } from "./sign-in-settings";

/** What the HTTP entry points (the Lambda, the local server) serve, built once per container. */
export interface HttpRuntime {
  /** The reporting app, wired to the real adapters. */
  app: Hono<ServiceEnv>;
  /** What the app was built from (a test holds its own app to the published document with them). */
  deps: ReportingDeps;
  logger: Logger;
  /** Closes the reports' database connection if one was opened, and the SQS client built here. */
  close(): Promise<void>;
}

/** What a test or the local server may hand in instead of what the environment would build. */
export interface HttpRuntimeOverrides {
  logger?: Logger;
  /** The SQS client to read queue depths with (e.g. one pointed at a relay); not closed by `close`. */
  sqs?: SQSClient;
  now?: () => Date;
  /** Where the dashboard's bundled browser code is expected (by default this package's `generated/`). */
  dashboardScript?: ShippedFile;
}

/**
 * The reporting HTTP service wired from `environment`: PostgreSQL as the HTTP function's read-only role
 * (connected on first use, each report within the read deadline), one SQS client per container, the
 * dashboard's sign-in settings, its bundled browser code and the stage's staff convention. Reads every
 * setting and finds the bundle now, so a missing or malformed one fails at start-up (the Lambda init
 * phase), naming it; builds nothing at import time.
 *
 * @example
 * const runtime = createHttpRuntime(process.env);
 * export const handler = handle(runtime.app);
 */
export function createHttpRuntime(
  environment: Environment,
  overrides: HttpRuntimeOverrides = {},
): HttpRuntime {
  const queueUrls = queueUrlsFromEnv(environment);
  const signIn = signInSettingsFromEnv(environment);
  const staff = staffConventionFromEnv(environment);
  const assets = shippedDashboardAssets(overrides.dashboardScript);
  const database = reportingDatabase(environment);
  const sqs = overrides.sqs ?? reportingSqsClient();
  const logger = overrides.logger ?? createLogger(environment);
  const deps: ReportingDeps = {
    reports: postgresReportReader(
      () => database.current().sql,
      (work) => database.within(deadlines.reportingDatabaseReadMs, (client) => work(client.sql)),
    ),
    queues: sqsQueueDepthReader(() => sqs, queueUrls),
    logger,
    signIn,
    staff,
    now: overrides.now,
    assets,
  };
  return {
    app: createApp(deps),
    deps,
    logger,
    close: async () => {
      if (!overrides.sqs) sqs.destroy();
      await database.close();
    },
  };
}
