import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { sqsEvent, sqsRecord } from "@orders/local-aws/testing";
import type { TestDatabase } from "@orders/local-database/testing";
import { findFreePort, startTcpRelay, type TcpRelay } from "@orders/local-postgres";
import { serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRuntime } from "../composition/runtime";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { openWorkerTestDatabase } from "../testing/worker-test-database";
import { createOrderWorkerHandler, OrderRecordFailed } from "./batch-handler";

let database: TestDatabase;
let admin: postgres.Sql;
let worker: postgres.Sql;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, admin, worker, close } = await openWorkerTestDatabase("worker-handler"));
});

afterAll(() => close());

function handlerWith(sql: () => postgres.Sql) {
  const logger = new Logger({ serviceName: "order-worker-test" });
  const errors = vi.spyOn(logger, "error");
  const infos = vi.spyOn(logger, "info");
  const metrics = new Metrics({ namespace: "OrdersTest", serviceName: "order-worker-test" });
  return {
    handler: createOrderWorkerHandler(createRuntime({}, { db: { sql }, logger, metrics })),
    errors,
    infos,
  };
}

async function stockOf(sku: string): Promise<number> {
  const [row] = await admin<{ stock: number }[]>`select stock from products where sku = ${sku}`;
  return row?.stock ?? Number.NaN;
}

async function statusesOf(ids: readonly string[]): Promise<Record<string, string>> {
  const rows = await admin<{ id: string; status: string }[]>`
    select id, status from orders where id = any(${ids}::uuid[])`;
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

/** Rejects with Powertools' full-batch error; returns the per-record errors it carries. */
async function fullBatchFailure(run: Promise<unknown>): Promise<OrderRecordFailed[]> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FullBatchFailureError);
  return (error as FullBatchFailureError).recordErrors as OrderRecordFailed[];
}

describe("order worker handler", () => {
  it("settles a batch: accepted, rejected and duplicate orders all succeed, effects written once", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 3 }]);
    const accepted = orderMessage([{ sku: `${p}-A`, quantity: 2 }]);
    const rejected = orderMessage([{ sku: `${p}-A`, quantity: 2 }]);
    const event = sqsEvent([
      sqsRecord(JSON.stringify(accepted)),
      sqsRecord(JSON.stringify(rejected)),
      sqsRecord(JSON.stringify(accepted), 2),
    ]);
    const { handler, infos } = handlerWith(() => worker);

    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    // The whole batch again (e.g. the function timed out after committing): still no second effect.
    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    const summaries = infos.mock.calls
      .filter(([message]) => message === "batch settled")
      .map(([, extra]) => extra);
    expect(summaries).toEqual([
      {
        records: 3,
        OrdersAccepted: 1,
        OrdersRejected: 1,
        DuplicateDeliveries: 1,
        FailedTransient: 0,
        FailedPermanent: 0,
        databaseMs: expect.any(Number),
      },
      {
        records: 3,
        OrdersAccepted: 0,
        OrdersRejected: 0,
        DuplicateDeliveries: 3,
        FailedTransient: 0,
        FailedPermanent: 0,
        databaseMs: expect.any(Number),
      },
    ]);
    expect(await stockOf(`${p}-A`)).toBe(1);
    expect(await statusesOf([accepted.orderId, rejected.orderId])).toEqual({
      [accepted.orderId]: "accepted",
      [rejected.orderId]: "rejected",
    });
  });

  it("fails poison messages on every receive, with the reason logged, while good ones succeed", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 10 }]);
    const good = orderMessage([{ sku: `${p}-A`, quantity: 1 }]);
    const poison = [
      { body: "{not json", reason: "body is not JSON" },
      {
        body: JSON.stringify({ ...orderMessage([{ sku: `${p}-A`, quantity: 1 }]), schemaVersion: 2 }),
        reason: "unknown schema version 2",
      },
      { body: JSON.stringify({ ...good, orderId: "not-a-uuid" }), reason: "invalid message: orderId" },
      {
        body: JSON.stringify(orderMessage([{ sku: `${p}-A`, quantity: 0 }])),
        reason: "invalid message: items.0.quantity",
      },
      {
        body: JSON.stringify(
          orderMessage([
            { sku: `${p}-A`, quantity: 1 },
            { sku: `${p}-A`, quantity: 2 },
          ]),
        ),
        reason: "appears more than once",
      },
    ];
    const poisonRecords = poison.map(({ body }) => sqsRecord(body));
    const goodRecord = sqsRecord(JSON.stringify(good));
    const { handler, errors } = handlerWith(() => worker);

    for (let receive = 1; receive <= 3; receive++) {
      errors.mockClear();
      const response = await handler(
        sqsEvent([poisonRecords[0], goodRecord, ...poisonRecords.slice(1)].flatMap((r) => (r ? [r] : []))),
      );
      expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
        poisonRecords.map((r) => r.messageId).sort(),
      );
      const logged = errors.mock.calls.map(([message, extra]) => ({ message, extra }));
      for (const [i, { reason }] of poison.entries()) {
        expect(logged).toContainEqual({
          message: expect.stringMatching(/poison/),
          extra: expect.objectContaining({
            messageId: poisonRecords[i]?.messageId,
            reason: expect.stringContaining(reason),
          }),
        });
      }
    }
    expect(await statusesOf([good.orderId])).toEqual({ [good.orderId]: "accepted" });
    expect(await stockOf(`${p}-A`)).toBe(9);
  });

  it.each([
    // The contract accepts year 0000; PostgreSQL has no year 0 and refuses the timestamp (a permanent error).
    { what: "a timestamp", overrides: { acceptedAt: "0000-01-01T00:00:00Z" } },
    // The contract accepts any text; PostgreSQL text cannot hold NUL.
    { what: "text", overrides: { customerId: "nul \u0000 inside" } },
    // Nor a lone UTF-16 surrogate (no UTF-8 form): refused rather than stored as U+FFFD.
    { what: "unpaired surrogate", overrides: { customerId: "half \uD83D of an emoji" } },
  ])(
    "fails only the order whose $what the database cannot store, not its whole batch",
    async ({ overrides }) => {
      const p = skuPrefix();
      await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 10 }]);
      const fine = [
        orderMessage([{ sku: `${p}-A`, quantity: 1 }]),
        orderMessage([{ sku: `${p}-A`, quantity: 2 }]),
      ];
      const refused = orderMessage([{ sku: `${p}-A`, quantity: 1 }], overrides);
      const refusedRecord = sqsRecord(JSON.stringify(refused));
      const { handler } = handlerWith(() => worker);

      const response = await handler(
        sqsEvent([sqsRecord(JSON.stringify(fine[0])), refusedRecord, sqsRecord(JSON.stringify(fine[1]))]),
      );

      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: refusedRecord.messageId }] });
      expect(await statusesOf([...fine, refused].map((m) => m.orderId))).toEqual({
        [fine[0]?.orderId as string]: "accepted",
        [fine[1]?.orderId as string]: "accepted",
      });
      expect(await stockOf(`${p}-A`)).toBe(7);
    },
  );

  it("reports the whole batch failed while the database is unreachable, and the same client recovers", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 10 }]);
    const messages = [
      orderMessage([{ sku: `${p}-A`, quantity: 1 }]),
      orderMessage([{ sku: `${p}-A`, quantity: 1 }]),
    ];
    const event = sqsEvent(messages.map((m) => sqsRecord(JSON.stringify(m))));
    // The container's one client points at an address where, for now, nothing listens (database down).
    const port = await findFreePort();
    const target = new URL(database.serviceUrl("worker"));
    const viaPort = new URL(target);
    viaPort.port = String(port);
    const client = postgres(viaPort.toString(), {
      max: 1,
      prepare: false,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const { handler } = handlerWith(() => client);
    let backUp: TcpRelay | undefined;
    try {
      const failures = await fullBatchFailure(handler(event));
      expect(failures).toHaveLength(2);
      expect(failures.every((f) => f instanceof OrderRecordFailed && f.retryable)).toBe(true);
      expect(await stockOf(`${p}-A`)).toBe(10);

      // The database is back at that address (a plain TCP relay to the real server).
      backUp = await startTcpRelay({ port, upstream: { host: target.hostname, port: Number(target.port) } });
      expect(await handler(event)).toEqual({ batchItemFailures: [] });
      expect(Object.values(await statusesOf(messages.map((m) => m.orderId)))).toEqual([
        "accepted",
        "accepted",
      ]);
      expect(await stockOf(`${p}-A`)).toBe(8);
    } finally {
      await client.end({ timeout: 1 });
      await backUp?.stop();
    }
  });

  it("reports the batch failed (retryable) when it cannot get its product locks in time, then retries cleanly", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 500, stock: 10 }]);
    // Only in this test's database: a short lock wait instead of the role's default of seconds.
    await admin.unsafe(
      `alter role ${serviceRoles.worker} in database "${database.name}" set lock_timeout = '200ms'`,
    );
    const client = postgres(database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
    const message = orderMessage([{ sku: `${p}-A`, quantity: 4 }]);
    const event = sqsEvent([sqsRecord(JSON.stringify(message)), sqsRecord("{}")]);
    const { handler } = handlerWith(() => client);
    try {
      await admin.begin(async (tx) => {
        await tx`select stock from products where sku = ${`${p}-A`} for update`;
        const failures = await fullBatchFailure(handler(event));
        expect(failures.map((f) => f.retryable).sort()).toEqual([false, true]);
        expect(failures.find((f) => f.retryable)?.reason).toMatch(/^conflict/);
      });

      const response = await handler(event);
      expect(response.batchItemFailures).toHaveLength(1);
      expect(await stockOf(`${p}-A`)).toBe(6);
    } finally {
      await client.end();
      await admin.unsafe(
        `alter role ${serviceRoles.worker} in database "${database.name}" reset lock_timeout`,
      );
    }
  });
});

describe("lambda entry point", () => {
  it("connects from the environment as the worker role and handles a real-shaped SQS event", async () => {
    const p = skuPrefix();
    await seedProducts(admin, [{ sku: `${p}-A`, priceCents: 250, stock: 5 }]);
    vi.stubEnv("DATABASE_URL", database.serviceUrl("worker"));
    const message = orderMessage([{ sku: `${p}-A`, quantity: 5 }]);
    try {
      const { handler } = await import("./lambda");
      expect(await handler(sqsEvent([sqsRecord(JSON.stringify(message))]))).toEqual({
        batchItemFailures: [],
      });
      const [who] = await admin<{ user: string }[]>`
        select usename as user from pg_stat_activity where application_name = 'order-worker' and datname = ${database.name}`;
      expect(who?.user).toBe(serviceRoles.worker);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await stockOf(`${p}-A`)).toBe(0);
  });
});
