import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { type ApiHarness, startApiHarness } from "@orders/api/testing";
import { signedInAs } from "@orders/identity/testing";
import { sqsEvent, sqsRecord } from "@orders/local-aws/testing";
import { createOrderWorkerHandler } from "@orders/order-worker/handler";
import { createRuntime } from "@orders/order-worker/runtime";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The order flow's one promise at its edge: a 202 means the order will be stored. The api answers, the
 * message it put on the (real) queue goes to the real worker handler logged in as the worker's role, and the
 * order must then be in the database, accepted or rejected, never a failed record on its way to the
 * dead-letter queue. Anything else the api must refuse (400 for the body, 401 or 403 for the token's subject).
 */

let h: ApiHarness;
let worker: postgres.Sql;
let admin: postgres.Sql;

beforeAll(async () => {
  h = await startApiHarness();
  worker = postgres(h.database.serviceUrl("worker"), { max: 1, prepare: false, onnotice: () => {} });
  admin = postgres(h.database.adminUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await worker?.end();
  await admin?.end();
  await h?.close();
});

const handler = () =>
  createOrderWorkerHandler(
    createRuntime(
      {},
      {
        db: { sql: () => worker },
        logger: new Logger({ serviceName: "order-flow-check", logLevel: "SILENT" }),
        metrics: new Metrics({ namespace: "OrderFlowCheck", serviceName: "order-flow-check" }),
      },
    ),
  );

/** Text the database cannot hold, or that an id must not be. */
const hostile = fc.constantFrom(
  "\u0000",
  "A\u0000B",
  "\ud800",
  "x\udfff",
  "\u0007",
  "\u0085",
  "\u202e",
  "\u2028",
  " ",
  "\t",
  "S".repeat(65),
  "",
);

/** Any text: whole Unicode code points, lone surrogate halves included, and short or long. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 70 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 70 }),
  fc.string({ minLength: 1, maxLength: 66 }),
  fc.constantFrom("KB-001", "LE-011", "DS-008", "c-1", "auth0|5f1d", "3b1c0e2a-9f7e-4c43-8a8b-1e8e0f0b6c11"),
  hostile,
);

/** Mostly ids the contract takes (so the accepted side is well explored), often anything at all. */
const idText = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 64 }) },
  { weight: 3, arbitrary: anyText },
);

const request = fc.record({
  subject: idText,
  items: fc.array(
    fc.record({
      sku: idText,
      quantity: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) }, fc.integer()),
    }),
    { minLength: 0, maxLength: 4 },
  ),
  currency: fc.option(fc.constantFrom("USD", "EUR", "JPY", "usd", "XXX"), { nil: undefined }),
});

describe("every order the api accepts", () => {
  it("is read by the worker and stored by the database; everything else is refused with 400, 401 or 403", async () => {
    const run = handler();
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ subject, items, currency }) => {
        const res = await h.app.request(
          "/orders",
          {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ items, ...(currency === undefined ? {} : { currency }) }),
          },
          signedInAs(subject),
        );
        if (res.status !== 202) {
          expect([400, 401, 403]).toContain(res.status);
          expect(await h.queue.receive(10, 0)).toEqual([]);
          refused += 1;
          return;
        }
        accepted += 1;
        const { orderId } = (await res.json()) as { orderId: string };
        const [message] = await h.queue.receive(1, 1);
        expect(message?.Body).toBeDefined();
        const outcome = await run(sqsEvent([sqsRecord(String(message?.Body))]));
        expect(outcome.batchItemFailures).toEqual([]);
        const stored = await admin<{ customer_id: string; skus: string[] }[]>`
          select o.customer_id, array_agg(i.sku) as skus
            from orders o join order_items i on i.order_id = o.id
           where o.id = ${orderId}
           group by o.customer_id`;
        expect(stored.map((row) => ({ ...row, skus: row.skus.sort() }))).toEqual([
          { customer_id: subject, skus: items.map((i) => i.sku).sort() },
        ]);
      }),
      { numRuns: 300 },
    );
    // The generators must reach both sides of the edge, or the property proves nothing.
    expect(accepted).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });
});
