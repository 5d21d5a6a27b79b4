import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { localLambdaContext } from "@orders/local-aws";
import { sqsEvent, sqsRecord } from "@orders/local-aws/testing";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { type FreezeRelay, startFreezeRelayInFront } from "@orders/local-postgres/testing";
import { deadlines } from "@orders/settings";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type WorkerRuntime } from "../composition/runtime";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { createOrderWorkerHandler, type OrderRecordFailed, type OrderWorkerHandler } from "./batch-handler";

/** Time the batch may use before the worker's margin: short, so the test is. */
const BATCH_BUDGET_MS = 800;

let database: TestDatabase;
let admin: postgres.Sql;
let relay: FreezeRelay;
let handler: OrderWorkerHandler;
let runtime: WorkerRuntime;

beforeAll(async () => {
  database = await createTestDatabase("worker-deadline");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  const front = await startFreezeRelayInFront(database.serviceUrl("worker"));
  relay = front.relay;
  // Composed as lambda.ts composes it, from an environment that names the relay as the database.
  runtime = createRuntime(
    { DATABASE_URL: front.url, POWERTOOLS_SERVICE_NAME: "worker-deadline" },
    {
      logger: new Logger({ serviceName: "order-worker-test", logLevel: "SILENT" }),
      metrics: new Metrics({ namespace: "OrdersTest", serviceName: "order-worker-test" }),
    },
  );
  handler = createOrderWorkerHandler(runtime);
});

afterEach(() => relay.thaw());

afterAll(async () => {
  await runtime.close();
  await relay.stop();
  await admin.end();
  await database.drop();
});

/** A context whose function times out `budgetMs` after the worker's margin. */
const contextWith = (budgetMs: number) =>
  localLambdaContext({
    functionName: "order-worker",
    timeoutMs: deadlines.workerBatchMarginMs + budgetMs,
    region: "eu-west-1",
  });

describe("the worker with the database gone silent", () => {
  it("fails the batch as retryable before the function's timeout, then settles it once after the thaw", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 5 }]);
    const orders = [
      orderMessage([{ sku: `${p}-A`, quantity: 1 }]),
      orderMessage([{ sku: `${p}-A`, quantity: 2 }]),
    ];
    const event = sqsEvent(orders.map((o) => sqsRecord(JSON.stringify(o))));
    expect(await handler(sqsEvent([]), contextWith(BATCH_BUDGET_MS))).toEqual({ batchItemFailures: [] });

    relay.freeze();
    const started = performance.now();
    const error = await handler(event, contextWith(BATCH_BUDGET_MS)).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    // Every record failed for a reason worth retrying: Lambda retries the whole batch.
    expect(error).toBeInstanceOf(FullBatchFailureError);
    const recordErrors = (error as FullBatchFailureError).recordErrors as OrderRecordFailed[];
    expect(recordErrors.map((e) => e.retryable)).toEqual([true, true]);
    expect(elapsed).toBeLessThan(BATCH_BUDGET_MS + deadlines.answerSlackMs);

    relay.thaw();
    expect(await handler(event, contextWith(30_000))).toEqual({ batchItemFailures: [] });
    const rows = await admin<{ count: number }[]>`
      select count(*)::int from orders where id = any(${orders.map((o) => o.orderId)}::uuid[])`;
    expect(rows[0]?.count).toBe(2);
    const [product] = await admin<{ stock: number }[]>`select stock from products where sku = ${`${p}-A`}`;
    expect(product?.stock).toBe(2);
    await expect.poll(() => relay.openConnections).toBe(1);
  });
});
