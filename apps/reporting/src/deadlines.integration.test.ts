import type { SQSClient } from "@aws-sdk/client-sqs";
import { seedDemoCatalogue } from "@orders/db";
import { createDb, type RenewableDb, renewableDb } from "@orders/db-client";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { type FreezeRelay, startFreezeRelayInFront } from "@orders/local-postgres/testing";
import { deadlines } from "@orders/settings";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postgresReportReader, sqsQueueDepthReader } from "./adapters/readers";
import { reportingSqsClient } from "./adapters/sqs-client";
import { type LocalQueues, startLocalQueues } from "./testing/local-queues";
import { checkedApp } from "./testing/reporting-contract";

let database: TestDatabase;
let queues: LocalQueues;
let dbRelay: FreezeRelay;
let sqsRelay: FreezeRelay;
let db: RenewableDb;
let sqs: SQSClient;
let app: ReturnType<typeof checkedApp>;

beforeAll(async () => {
  database = await createTestDatabase("reporting-deadlines");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin.end();
  queues = await startLocalQueues();
  const dbFront = await startFreezeRelayInFront(database.serviceUrl("reportingHttp"));
  const sqsFront = await startFreezeRelayInFront(new URL(queues.urls.orders).origin);
  dbRelay = dbFront.relay;
  sqsRelay = sqsFront.relay;
  // Wired as adapters/runtime.ts wires it, each dependency behind a relay that can go silent.
  db = renewableDb(() => createDb({ kind: "url", url: dbFront.url }, { applicationName: "reporting" }));
  sqs = reportingSqsClient(sqsFront.url);
  app = checkedApp({
    reports: postgresReportReader(
      () => db.current().sql,
      (work) => db.within(deadlines.reportingDatabaseReadMs, (client) => work(client.sql)),
    ),
    queues: sqsQueueDepthReader(() => sqs, queues.urls),
    logger: silentLogger(),
  });
});

afterEach(() => {
  dbRelay.thaw();
  sqsRelay.thaw();
});

afterAll(async () => {
  sqs?.destroy();
  await db?.close();
  await dbRelay?.stop();
  await sqsRelay?.stop();
  await queues?.stop();
  await database?.drop();
});

const today = new Date().toISOString().slice(0, 10);
/** Reports are for staff: API Gateway has verified this caller's token. */
const staff = signedInAs("s-1", { staff: true });
const salesPath = `/reports/daily-sales?from=${today}&to=${today}`;

/** Asks `path` and expects a 503 problem+json of `slug` with Retry-After within `deadlineMs` plus slack. */
async function expectUnavailableWithin(path: string, slug: string, deadlineMs: number) {
  const started = performance.now();
  const res = await app.request(path, {}, staff);
  const ms = performance.now() - started;
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await res.json()) as { type: string }).type).toMatch(new RegExp(`${slug}$`));
  expect(ms).toBeLessThan(deadlineMs + deadlines.answerSlackMs);
}

describe("reporting with a dependency gone silent", () => {
  it("answers reports 503 within the read deadline, then recovers on one connection", async () => {
    expect((await app.request(salesPath, {}, staff)).status).toBe(200);
    dbRelay.freeze();
    await expectUnavailableWithin(salesPath, "database-unavailable", deadlines.reportingDatabaseReadMs);
    dbRelay.thaw();
    expect((await app.request(salesPath, {}, staff)).status).toBe(200);
    await expect.poll(() => dbRelay.openConnections).toBe(1);
  });

  it("answers the queue depth 503 within its deadline, then recovers", async () => {
    expect((await app.request("/reports/queue", {}, staff)).status).toBe(200);
    sqsRelay.freeze();
    await expectUnavailableWithin("/reports/queue", "queue-unavailable", deadlines.reportingQueueDepthMs);
    sqsRelay.thaw();
    expect((await app.request("/reports/queue", {}, staff)).status).toBe(200);
  });
});
