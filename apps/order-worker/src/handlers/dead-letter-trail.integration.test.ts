import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { queueDepth } from "@orders/local-aws";
import { orderFlow } from "@orders/settings";
import type postgres from "postgres";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
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
  ({ admin, worker, close } = await openWorkerTestDatabase("worker-dead-letter-trail"));
  local = await startWorkerQueues("orders-trail-test");
});

afterAll(async () => {
  await local?.close();
  await close();
});

it("names a dead-lettered order on every receive, and says so on the last one, with the ids the api sent", async () => {
  const { sqs, queues } = local;
  const p = skuPrefix();
  await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 1000, stock: 3 }]);
  // The same SKU twice: the contract accepts it, the worker never can (poison, see readOrderMessage).
  const poison = orderMessage(
    [
      { sku: `${p}-A`, quantity: 1 },
      { sku: `${p}-A`, quantity: 2 },
    ],
    { correlationId: "req-dead-letter-1" },
  );
  // As the api sends it: the correlation id in the body and as a message attribute. (The emulator keeps no
  // AWSTraceHeader; the handler tests cover the trace id, from records shaped as Lambda delivers them.)
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queues.queueUrl,
      MessageBody: JSON.stringify(poison),
      MessageAttributes: { correlationId: { DataType: "String", StringValue: poison.correlationId } },
    }),
  );

  const logger = new Logger({ serviceName: "order-worker-test" });
  const lines: { message: string; attributes: Record<string, unknown> }[] = [];
  for (const level of ["info", "warn", "error"] as const) {
    vi.spyOn(logger, level).mockImplementation((message: unknown, ...rest: unknown[]) => {
      lines.push({ message: String(message), attributes: Object.assign({}, ...rest) });
    });
  }
  const handler = createOrderWorkerHandler(
    createRuntime(
      {},
      {
        db: { sql: () => worker },
        logger,
        metrics: new Metrics({ namespace: "OrdersTest", serviceName: "order-worker-test" }),
      },
    ),
  );
  await local.consumeUntil(handler, { maxConcurrency: 1, timeoutMs: 30_000, intervalMs: 250 }, async () =>
    expect((await queueDepth(sqs, queues.deadLetterQueueUrl)).visible).toBe(1),
  );

  const trail = lines.filter((line) => line.attributes.orderId === poison.orderId);
  expect(trail.map((line) => line.attributes.receiveCount)).toEqual(
    Array.from({ length: orderFlow.maxReceiveCount }, (_, i) => i + 1),
  );
  for (const line of trail) {
    expect(line.attributes).toMatchObject({
      outcome: "failed",
      correlation_id: "req-dead-letter-1",
      retryable: false,
      reason: expect.stringMatching(/appears more than once/),
    });
  }
  expect(trail.map((line) => line.attributes.deadLetter)).toEqual([false, false, false, false, true]);
  expect(trail.at(-1)?.message).toBe("order failed for the last time: SQS moves it to the dead-letter queue");

  // The dead letter still carries what the runbook needs: the body (order id) and the correlation id.
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.deadLetterQueueUrl,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    }),
  );
  expect(JSON.parse(Messages[0]?.Body ?? "{}")).toMatchObject({ orderId: poison.orderId });
  expect(Messages[0]?.MessageAttributes?.correlationId?.StringValue).toBe("req-dead-letter-1");
});
