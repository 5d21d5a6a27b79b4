import { randomUUID } from "node:crypto";
import type { OrderMessage } from "@orders/contracts";
import fc from "fast-check";
import type postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CatalogueEntry, decideOrders } from "../domain/decide-orders";
import type { OrderOutcome } from "../domain/ports";
import { orderMessage, seedProducts, skuPrefix } from "../testing/fixtures";
import { openWorkerTestDatabase } from "../testing/worker-test-database";
import { processOrderBatch } from "./order-repository";

// The database function `record_order_batch` decides in SQL what `decideOrders` decides in TypeScript. This
// test holds them to the same answers on generated batches: scarce stock, unknown SKUs, foreign currencies,
// repeated and already-recorded order ids, in every order.

let admin: postgres.Sql;
let worker: postgres.Sql;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ admin, worker, close } = await openWorkerTestDatabase("worker-spec"));
});

afterAll(() => close());

const product = fc.record({
  stock: fc.integer({ min: 0, max: 6 }),
  priceCents: fc.integer({ min: 0, max: 5000 }),
  currency: fc.constantFrom("USD", "USD", "EUR"),
});

/** A message as indices: which order id (small pool: repeats happen), which products (4 = unknown). */
const message = fc.record({
  idIndex: fc.integer({ min: 0, max: 5 }),
  currency: fc.constantFrom("USD", "USD", "EUR"),
  lines: fc.uniqueArray(
    fc.record({ product: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 4 }) }),
    {
      minLength: 1,
      maxLength: 3,
      selector: (line) => line.product,
    },
  ),
});

const scenario = fc.record({
  products: fc.array(product, { minLength: 4, maxLength: 4 }),
  /** Which of the 6 order ids were recorded by an earlier delivery. */
  recorded: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  messages: fc.array(message, { minLength: 1, maxLength: 8 }),
});

/** Code-point order: how PostgreSQL orders uuids, and these ASCII SKUs under any collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function expectedOutcomes(
  messages: readonly OrderMessage[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  recorded: ReadonlySet<string>,
): OrderOutcome[] {
  return decideOrders(messages, catalogue, recorded).map((decision) => {
    if (decision.kind === "accepted") {
      return { kind: "accepted", orderId: decision.orderId, totalCents: decision.totalCents };
    }
    if (decision.kind === "rejected")
      return { kind: "rejected", orderId: decision.orderId, reason: decision.reason };
    return decision;
  });
}

it("decides every generated batch exactly as the decideOrders specification, and writes what it decided", async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const p = skuPrefix();
      const skus = [0, 1, 2, 3, 4].map((i) => `${p}-${i}`); // the fifth is never in the catalogue
      const ids = Array.from({ length: 6 }, () => randomUUID());
      await seedProducts(
        admin,
        s.products.map((seed, i) => ({ ...seed, sku: skus[i] as string })),
      );
      for (const index of s.recorded) {
        await admin`insert into orders (id, customer_id, currency, total_cents, status, accepted_at)
          values (${ids[index] as string}, 'earlier', 'USD', 0, 'accepted', now())`;
      }
      const messages = s.messages.map((m) =>
        orderMessage(
          m.lines.map((line) => ({ sku: skus[line.product] as string, quantity: line.quantity })),
          { orderId: ids[m.idIndex] as string, currency: m.currency },
        ),
      );
      const catalogue = new Map(
        s.products.map((seed, i) => [
          skus[i] as string,
          { sku: skus[i] as string, currency: seed.currency, priceCents: seed.priceCents, stock: seed.stock },
        ]),
      );
      const expected = expectedOutcomes(
        messages,
        catalogue,
        new Set(s.recorded.map((i) => ids[i] as string)),
      );

      const actual = await processOrderBatch(worker, messages);

      expect(actual).toEqual(expected);
      const taken = new Map<string, number>();
      for (const [index, outcome] of expected.entries()) {
        if (outcome.kind !== "accepted") continue;
        for (const item of messages[index]?.items ?? []) {
          taken.set(item.sku, (taken.get(item.sku) ?? 0) + item.quantity);
        }
      }
      const stock = await admin<{ sku: string; stock: number }[]>`
        select sku, stock from products where sku = any(${skus}::text[]) order by sku`;
      expect(stock).toEqual(
        s.products.map((seed, i) => ({
          sku: skus[i],
          stock: seed.stock - (taken.get(skus[i] as string) ?? 0),
        })),
      );
      const written = expected.flatMap((outcome, index) =>
        outcome.kind === "duplicate"
          ? []
          : (messages[index]?.items ?? []).map((item) => ({
              order_id: outcome.orderId,
              sku: item.sku,
              quantity: item.quantity,
              unit_price_cents: catalogue.has(item.sku) ? String(catalogue.get(item.sku)?.priceCents) : null,
            })),
      );
      const items = await admin`
        select order_id, sku, quantity, unit_price_cents from order_items
        where order_id = any(${ids}::uuid[]) order by order_id, sku`;
      expect(items).toEqual(written.sort((a, b) => byText(a.order_id, b.order_id) || byText(a.sku, b.sku)));
    }),
    { numRuns: 150 },
  );
});
