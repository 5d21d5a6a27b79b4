/**
 * Renders the dashboard over a month of realistic demo data in headless Chromium and saves
 * docs/dashboard.png. Everything is real and local: embedded PostgreSQL (or DATABASE_URL), the migrations,
 * the rollup as `orders_reporting`, fauxqs for the queues.
 *
 *   npm run screenshot -w @orders/reporting
 */
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { createDb } from "@orders/db-client";
import { launchChromium } from "@orders/local-browser";
import { startProvisionedDatabase } from "@orders/local-database";
import { uniqueDatabaseName, usePostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { shippedDashboardAssets } from "../adapters/dashboard-assets";
import { createLogger } from "../adapters/logger";
import { postgresReportReader, sqsQueueDepthReader } from "../adapters/readers";
import { runRollup } from "../adapters/run-rollup";
import { reportingSqsClient } from "../adapters/sqs-client";
import { addDays, daysInRange, utcDayOf } from "../domain/utc-day";
import { createApp } from "../http/create-app";
import { serveDashboardBehindSignIn, signInThroughTheForm } from "../testing/dashboard-behind-sign-in";
import { demoOrders } from "../testing/demo-orders";
import { startLocalQueues } from "../testing/local-queues";
import { insertOrders } from "../testing/order-fixtures";
import { writeDashboardScript } from "./dashboard-bundle";

const output = join(import.meta.dirname, "../../../../docs/dashboard.png");
const days = 30;

async function sendMessages(sqs: SQSClient, queueUrl: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 10) {
    const size = Math.min(10, count - sent);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: size }, (_, i) => ({ Id: `m${i}`, MessageBody: `{"n":${sent + i}}` })),
      }),
    );
  }
}

await writeDashboardScript();
const database = await startProvisionedDatabase(() => usePostgres(), {
  database: uniqueDatabaseName("screenshot"),
  services: ["reporting"],
  dropOnStop: true,
});
const cleanups: (() => Promise<unknown>)[] = [() => database.stop()];
try {
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  cleanups.unshift(() => admin.end());

  const now = new Date();
  const orders = demoOrders(now, days);
  await insertOrders(admin, orders);

  const reporting = createDb({ kind: "url", url: database.directServiceUrl("reporting") });
  cleanups.unshift(() => reporting.close());
  const today = utcDayOf(now);
  const rolled = await runRollup(reporting.sql, daysInRange(addDays(today, 1 - days), today));

  const queues = await startLocalQueues();
  cleanups.unshift(() => queues.stop());
  // A backlog being worked through, and a few dead letters waiting for a redrive.
  await sendMessages(queues.sqs, queues.urls.orders, 46);
  await queues.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.urls.orders,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 600,
    }),
  );
  await sendMessages(queues.sqs, queues.urls.deadLetter, 2);

  const sqs = reportingSqsClient();
  cleanups.unshift(async () => sqs.destroy());
  // Served as under `npm start`: the page signs in (as a staff member) before it shows any number.
  const dashboard = await serveDashboardBehindSignIn((signIn) =>
    createApp({
      reports: postgresReportReader(() => reporting.sql),
      queues: sqsQueueDepthReader(() => sqs, queues.urls),
      logger: createLogger(process.env),
      signIn,
      assets: shippedDashboardAssets(),
    }),
  );
  cleanups.unshift(() => dashboard.close());
  const staff = await dashboard.idp.identity.accounts.ensure("staff-1", true);

  const browser = await launchChromium({ width: 1440, height: 900 });
  cleanups.unshift(() => browser.close());
  const page = await browser.context.newPage();
  await signInThroughTheForm(
    page,
    dashboard,
    { username: staff.subject, password: staff.password },
    `/?days=${days}`,
  );
  await page.waitForSelector("main[data-ready='true']");
  await mkdir(dirname(output), { recursive: true });
  await page.screenshot({ path: output, fullPage: true });
  console.log(`saved ${output}: ${orders.length} orders over ${days} days (${rolled.orders} accepted)`);
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
}
