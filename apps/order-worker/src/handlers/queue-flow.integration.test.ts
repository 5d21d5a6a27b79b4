import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import {
  createOrderQueues,
  type LocalSqs,
  type OrderQueues,
  queueDepth,
  startEventSourceMapping,
  startLocalSqs,
} from "@orders/local-aws";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { orderFlow } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createRuntime } from "../composition/runtime";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { createOrderWorkerHandler } from "./batch-handler";

let database: TestDatabase;
let admin: postgres.Sql;
let worker: postgres.Sql;
let local: LocalSqs;
let sqs: SQSClient;
let queues: OrderQueues;

beforeAll(async () => {
  database = await createTestDatabase("worker-queue");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  worker = postgres(database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
  local = await startLocalSqs();
  sqs = local.client();
  // The deployed redrive policy (orderFlow.maxReceiveCount), with a 1 s visibility timeout to watch retries.
  queues = await createOrderQueues(sqs, { name: "orders-worker-test", visibilityTimeoutSeconds: 1 });
});

afterAll(async () => {
  sqs?.destroy();
  await local?.stop();
  await worker.end();
  await admin.end();
  await database.drop();
});

it("through a real queue: orders settle once, duplicates have no effect, poison ends in the DLQ", async () => {
  const p = skuPrefix();
  await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 1000, stock: 3 }]);
  const orders = Array.from({ length: 4 }, () => orderMessage([{ sku: `${p}-A`, quantity: 1 }]));
  const poison = JSON.stringify({ ...orderMessage([{ sku: `${p}-A`, quantity: 1 }]), schemaVersion: 99 });
  // The API retried a send: the same order twice on the queue.
  const bodies = [...orders.map((o) => JSON.stringify(o)), JSON.stringify(orders[0]), poison];
  for (const body of bodies) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: body }));
  }

  const handler = createOrderWorkerHandler(
    createRuntime(
      {},
      {
        db: { sql: () => worker },
        logger: new Logger({ serviceName: "order-worker-test" }),
        metrics: new Metrics({ namespace: "OrdersTest", serviceName: "order-worker-test" }),
      },
    ),
  );
  const mapping = await startEventSourceMapping({
    sqs,
    queueUrl: queues.queueUrl,
    handler,
    batchSize: 10,
    batchWindowSeconds: 0,
    maxConcurrency: 2,
    receiveWaitSeconds: 1,
    onBatch: () => {},
  });
  try {
    await vi.waitFor(
      async () => {
        const [queue, dlq] = await Promise.all([
          queueDepth(sqs, queues.queueUrl),
          queueDepth(sqs, queues.deadLetterQueueUrl),
        ]);
        expect({ queued: queue.visible + queue.inFlight, deadLettered: dlq.visible }).toEqual({
          queued: 0,
          deadLettered: 1,
        });
      },
      { timeout: 20_000, interval: 100 },
    );
  } finally {
    await mapping.stop();
  }

  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.deadLetterQueueUrl,
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ["ApproximateReceiveCount"],
    }),
  );
  expect(Messages.map((m) => m.Body)).toEqual([poison]);
  // Received (and failed) maxReceiveCount times on the orders queue before the redrive moved it.
  expect(Number(Messages[0]?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(
    orderFlow.maxReceiveCount,
  );

  const rows = await admin<{ id: string; status: string }[]>`
    select id, status from orders where id = any(${orders.map((o) => o.orderId)}::uuid[])`;
  expect(rows.map((r) => r.status).sort()).toEqual(["accepted", "accepted", "accepted", "rejected"]);
  const [product] = await admin<{ stock: number }[]>`select stock from products where sku = ${`${p}-A`}`;
  expect(product?.stock).toBe(0);
});
