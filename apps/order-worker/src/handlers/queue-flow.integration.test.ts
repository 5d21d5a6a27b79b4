import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { queueDepth } from "@orders/local-aws";
import { orderFlow } from "@orders/settings";
import type postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRuntime } from "../composition/runtime";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { startWorkerQueues, type WorkerQueues } from "../testing/worker-queues";
import { openWorkerTestDatabase } from "../testing/worker-test-database";
import { createOrderWorkerHandler } from "./batch-handler";

let admin: postgres.Sql;
let worker: postgres.Sql;
let close: () => Promise<void>;
let local: WorkerQueues;

beforeAll(async () => {
  ({ admin, worker, close } = await openWorkerTestDatabase("worker-queue"));
  local = await startWorkerQueues("orders-worker-test");
});

afterAll(async () => {
  await local?.close();
  await close();
});

it("through a real queue: orders settle once, duplicates have no effect, poison ends in the DLQ", async () => {
  const { sqs, queues } = local;
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
  await local.consumeUntil(handler, { maxConcurrency: 2, timeoutMs: 20_000, intervalMs: 100 }, async () => {
    const [queue, dlq] = await Promise.all([
      queueDepth(sqs, queues.queueUrl),
      queueDepth(sqs, queues.deadLetterQueueUrl),
    ]);
    expect({ queued: queue.visible + queue.inFlight, deadLettered: dlq.visible }).toEqual({
      queued: 0,
      deadLettered: 1,
    });
  });

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
