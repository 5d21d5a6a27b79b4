import type { Logger } from "@aws-lambda-powertools/logger";
import { seedDemoCatalogue } from "@orders/db";
import { createDb, type DbClient } from "@orders/db-client";
import { captureLogs } from "@orders/http-kit/testing";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import postgres from "postgres";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters/readers";
import { reportingSqsClient } from "../adapters/sqs-client";
import { type LocalQueues, startLocalQueues } from "./local-queues";
import { checkedApp } from "./reporting-contract";

export interface ReportingHarness {
  database: TestDatabase;
  /** Owner connection: arranges orders and inspects tables. */
  admin: postgres.Sql;
  /** The rollup's connection, as `orders_reporting` (tests run rollups with it). */
  reporting: DbClient;
  /** The reports' connection, as the HTTP function's read-only `orders_reporting_http`. */
  reportingHttp: DbClient;
  queues: LocalQueues;
  app: ReturnType<typeof checkedApp>;
  /** The app's logger: a real Powertools logger whose lines `takeLogged` reads. */
  logger: Logger;
  /**
   * The error lines (unexpected failures, answered with a 500) and warning lines (expected problems of
   * status 5xx, e.g. the database unreachable) the app logged since the last call: call after each test
   * and expect nothing.
   */
  takeLogged(): { errors: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
  close(): Promise<void>;
}

/**
 * The reporting app wired as in production, against a fresh migrated PostgreSQL database (demo catalogue
 * seeded) and a real SQS emulator: only the entry point (`app.request` instead of Lambda) differs. Every
 * response the app gives is held to the published OpenAPI document ({@link checkedApp}).
 */
export async function startReportingHarness(prefix: string): Promise<ReportingHarness> {
  const database = await createTestDatabase(prefix);
  const admin = postgres(database.adminUrl, { max: 2, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  const reporting = createDb({ kind: "url", url: database.serviceUrl("reporting") });
  const reportingHttp = createDb({ kind: "url", url: database.serviceUrl("reportingHttp") });
  const queues = await startLocalQueues();
  const logs = captureLogs();
  let taken = 0;
  const sqs = reportingSqsClient();
  const app = checkedApp({
    reports: postgresReportReader(() => reportingHttp.sql),
    queues: sqsQueueDepthReader(() => sqs, queues.urls),
    logger: logs.logger,
  });
  return {
    database,
    admin,
    reporting,
    reportingHttp,
    queues,
    app,
    logger: logs.logger,
    takeLogged: () => {
      const lines = logs.lines().slice(taken);
      taken += lines.length;
      return {
        errors: lines.filter((line) => line.level === "ERROR"),
        warnings: lines.filter((line) => line.level === "WARN"),
      };
    },
    close: async () => {
      logs.restore();
      sqs.destroy();
      await queues.stop();
      await reporting.close();
      await reportingHttp.close();
      await admin.end();
      await database.drop();
    },
  };
}
