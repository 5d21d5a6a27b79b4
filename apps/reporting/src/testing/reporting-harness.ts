import { SQSClient } from "@aws-sdk/client-sqs";
import { seedDemoCatalogue } from "@orders/db";
import { createTestDatabase, type TestDatabase } from "@orders/db/testing";
import { createDb, type DbClient } from "@orders/db-client";
import postgres from "postgres";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters/readers";
import { createReportingApp } from "../http/create-app";
import { type LocalQueues, startLocalQueues } from "./local-queues";

export interface ReportingHarness {
  database: TestDatabase;
  /** Owner connection: arranges orders and inspects tables. */
  admin: postgres.Sql;
  /** The service's own connection, as `orders_reporting`. */
  reporting: DbClient;
  queues: LocalQueues;
  app: ReturnType<typeof createReportingApp>;
  /** Errors the app logged (unexpected failures, answered with a 500). */
  loggedErrors: unknown[];
  /** Warnings the app logged (expected problems of status 5xx, e.g. the database unreachable). */
  loggedWarnings: { message: string; extra: Record<string, unknown> }[];
  /** Empties both logs and returns what they held: call after each test and expect nothing. */
  takeLogged(): { errors: unknown[]; warnings: { message: string; extra: Record<string, unknown> }[] };
  close(): Promise<void>;
}

/**
 * The reporting app wired as in production, against a fresh migrated PostgreSQL database (demo catalogue
 * seeded) and a real SQS emulator: only the entry point (`app.request` instead of Lambda) differs.
 */
export async function startReportingHarness(prefix: string): Promise<ReportingHarness> {
  const database = await createTestDatabase(prefix);
  const admin = postgres(database.adminUrl, { max: 2, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  const reporting = createDb({ kind: "url", url: database.serviceUrl("reporting") });
  const queues = await startLocalQueues();
  const loggedErrors: unknown[] = [];
  const loggedWarnings: ReportingHarness["loggedWarnings"] = [];
  const sqs = new SQSClient({});
  const app = createReportingApp({
    reports: postgresReportReader(() => reporting.sql),
    queues: sqsQueueDepthReader(() => sqs, queues.urls),
    logger: {
      error: (_message, error) => loggedErrors.push(error),
      warn: (message, extra) => loggedWarnings.push({ message, extra }),
    },
  });
  return {
    database,
    admin,
    reporting,
    queues,
    app,
    loggedErrors,
    loggedWarnings,
    takeLogged: () => ({ errors: loggedErrors.splice(0), warnings: loggedWarnings.splice(0) }),
    close: async () => {
      sqs.destroy();
      await queues.stop();
      await reporting.close();
      await admin.end();
      await database.drop();
    },
  };
}
