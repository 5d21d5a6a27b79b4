import { SQSClient } from "@aws-sdk/client-sqs";
import { seedDemoCatalogue } from "@orders/db";
import { createTestDatabase, type TestDatabase } from "@orders/db/testing";
import { createDb, type DbClient } from "@orders/db-client";
import postgres from "postgres";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters";
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
  /** Errors the app logged (a test that expects none can assert it). */
  loggedErrors: unknown[];
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
  const sqs = new SQSClient({});
  const app = createReportingApp({
    reports: postgresReportReader(() => reporting.sql),
    queues: sqsQueueDepthReader(() => sqs, queues.urls),
    logger: { error: (_message, error) => loggedErrors.push(error), warn: () => {} },
  });
  return {
    database,
    admin,
    reporting,
    queues,
    app,
    loggedErrors,
    close: async () => {
      sqs.destroy();
      await queues.stop();
      await reporting.close();
      await admin.end();
      await database.drop();
    },
  };
}
