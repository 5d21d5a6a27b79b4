import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { captureEmf, type EmfCapture, sqsEvent, sqsRecord } from "@orders/local-aws/testing";
import { orderFlow } from "@orders/settings";
import type { SQSRecord } from "aws-lambda";
import type postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createRuntime } from "../composition/runtime";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { openWorkerTestDatabase } from "../testing/worker-test-database";
import { createOrderWorkerHandler } from "./batch-handler";

let admin: postgres.Sql;
let worker: postgres.Sql;
let close: () => Promise<void>;
let emf: EmfCapture;

beforeAll(async () => {
  ({ admin, worker, close } = await openWorkerTestDatabase("worker-observability"));
});
afterAll(() => close());
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

/** The handler with a real logger whose calls are recorded, and real Powertools metrics printing EMF. */
function observedHandler() {
  const logger = new Logger({ serviceName: "order-worker-test" });
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  for (const level of ["info", "warn", "error"] as const) {
    vi.spyOn(logger, level).mockImplementation((message: unknown, ...rest: unknown[]) => {
      lines.push({ level, message: String(message), attributes: Object.assign({}, ...rest) });
    });
  }
  const metrics = new Metrics({ namespace: "OrdersTest", serviceName: "order-worker" });
  return {
    handler: createOrderWorkerHandler(createRuntime({}, { db: { sql: () => worker }, logger, metrics })),
    lines,
  };
}

function traced(record: SQSRecord, header: string, correlationId?: string): SQSRecord {
  record.attributes.AWSTraceHeader = header;
  if (correlationId) {
    record.messageAttributes.correlationId = {
      dataType: "String",
      stringValue: correlationId,
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return record;
}

describe("what the worker tells about each order", () => {
  it("logs every outcome with the order id, the correlation id and the trace it came with", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 1 }]);
    const acceptedAt = new Date(Date.now() - 1_500).toISOString();
    const accepted = orderMessage([{ sku: `${p}-A`, quantity: 1 }], { acceptedAt, correlationId: "req-ok" });
    const soldOut = orderMessage([{ sku: `${p}-A`, quantity: 1 }], { correlationId: "req-sold-out" });
    const poison = { ...orderMessage([{ sku: `${p}-A`, quantity: 1 }]), schemaVersion: 9 };
    const trace = "Root=1-6753a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
    const records = [
      traced(sqsRecord(JSON.stringify(accepted)), trace),
      sqsRecord(JSON.stringify(soldOut)),
      sqsRecord(JSON.stringify(accepted), 2),
      // A body no worker can read still names its order, and the api's attribute names its request.
      traced(sqsRecord(JSON.stringify(poison), orderFlow.maxReceiveCount), trace, "req-poison"),
      sqsRecord("{not json", 1),
    ];
    const { handler, lines } = observedHandler();

    const response = await handler(sqsEvent(records));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [records[3]?.messageId, records[4]?.messageId].sort(),
    );

    const about = (messageId: string | undefined) =>
      lines.filter((line) => line.attributes.messageId === messageId && "outcome" in line.attributes);
    expect(about(records[0]?.messageId)).toEqual([
      {
        level: "info",
        message: "order accepted",
        attributes: expect.objectContaining({
          outcome: "accepted",
          orderId: accepted.orderId,
          correlation_id: "req-ok",
          order_trace_id: "1-6753a1b2-0123456789abcdef01234567",
          receiveCount: 1,
          ageMs: expect.any(Number),
        }),
      },
    ]);
    expect(about(records[0]?.messageId)[0]?.attributes.ageMs).toBeGreaterThanOrEqual(1_500);
    expect(about(records[1]?.messageId)[0]).toMatchObject({
      message: "order rejected",
      attributes: {
        outcome: "rejected",
        orderId: soldOut.orderId,
        correlation_id: "req-sold-out",
        reason: `insufficient_stock:${p}-A`,
      },
    });
    expect(about(records[1]?.messageId)[0]?.attributes).not.toHaveProperty("order_trace_id");
    expect(about(records[2]?.messageId)[0]).toMatchObject({
      message: "order already recorded",
      attributes: {
        outcome: "duplicate",
        orderId: accepted.orderId,
        correlation_id: "req-ok",
        receiveCount: 2,
      },
    });
    expect(about(records[3]?.messageId)[0]).toMatchObject({
      level: "error",
      message: "order failed for the last time: SQS moves it to the dead-letter queue",
      attributes: {
        outcome: "failed",
        deadLetter: true,
        retryable: false,
        orderId: poison.orderId,
        correlation_id: poison.correlationId,
        order_trace_id: "1-6753a1b2-0123456789abcdef01234567",
        reason: "unknown schema version 9",
        receiveCount: orderFlow.maxReceiveCount,
      },
    });
    expect(about(records[4]?.messageId)[0]).toMatchObject({
      level: "error",
      message: "order failed: SQS delivers it again",
      attributes: { outcome: "failed", deadLetter: false, reason: "body is not JSON" },
    });
    expect(about(records[4]?.messageId)[0]?.attributes).not.toHaveProperty("orderId");
  });

  it("publishes outcomes, rejections by reason, order age at commit and batch database time as EMF", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 1 }]);
    const acceptedAt = new Date(Date.now() - 2_000).toISOString();
    const records = [
      sqsRecord(JSON.stringify(orderMessage([{ sku: `${p}-A`, quantity: 1 }], { acceptedAt }))),
      sqsRecord(JSON.stringify(orderMessage([{ sku: `${p}-A`, quantity: 1 }], { acceptedAt }))),
      sqsRecord(JSON.stringify(orderMessage([{ sku: `${p}-UNKNOWN`, quantity: 1 }], { acceptedAt }))),
      sqsRecord(JSON.stringify(orderMessage([{ sku: `${p}-UNKNOWN`, quantity: 2 }], { acceptedAt }))),
      sqsRecord("{not json"),
    ];
    const { handler } = observedHandler();
    await handler(sqsEvent(records));

    const service = { service: "order-worker" };
    expect(emf.sets().every((set) => set.namespace === "OrdersTest")).toBe(true);
    expect(emf.values("OrdersAccepted", service)).toEqual([1]);
    expect(emf.values("FailedPermanent", service)).toEqual([1]);
    expect(emf.values("OrdersRejected", { ...service, RejectionReason: "insufficient_stock" })).toEqual([1]);
    expect(emf.values("OrdersRejected", { ...service, RejectionReason: "unknown_sku" })).toEqual([2]);
    const ages = emf.values("OrderAgeAtCommit", service);
    expect(ages).toHaveLength(4);
    for (const age of ages) expect(age).toBeGreaterThanOrEqual(2_000);
    const [databaseMs, ...more] = emf.values("BatchDatabaseTime", service);
    expect(more).toEqual([]);
    expect(databaseMs).toBeGreaterThan(0);
    const units = Object.assign({}, ...emf.sets().map((set) => set.units));
    expect(units).toMatchObject({ OrderAgeAtCommit: "Milliseconds", BatchDatabaseTime: "Milliseconds" });
  });
});
