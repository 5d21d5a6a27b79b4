import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderMessage } from "../testing/fixtures";
import { type CatalogueEntry, decideOrders } from "./decide-orders";

function catalogueOf(...entries: Omit<CatalogueEntry, "currency">[]): Map<string, CatalogueEntry> {
  return new Map(entries.map((e) => [e.sku, { currency: "USD", ...e }]));
}

const catalogue = catalogueOf(
  { sku: "A", priceCents: 1000, stock: 5 },
  { sku: "B", priceCents: 250, stock: 1 },
);

describe("decideOrders", () => {
  it("accepts an order whose items are all known and in stock, totalling quantity x catalogue price", () => {
    const message = orderMessage([
      { sku: "A", quantity: 3 },
      { sku: "B", quantity: 1 },
    ]);
    expect(decideOrders([message], catalogue, new Set())).toEqual([
      {
        kind: "accepted",
        orderId: message.orderId,
        totalCents: 3 * 1000 + 250,
        items: [
          { sku: "A", quantity: 3, unitPriceCents: 1000 },
          { sku: "B", quantity: 1, unitPriceCents: 250 },
        ],
      },
    ]);
  });

  it("rejects an unknown sku, pricing the known items and leaving the unknown one unpriced", () => {
    const message = orderMessage([
      { sku: "A", quantity: 1 },
      { sku: "ZZ", quantity: 1 },
    ]);
    expect(decideOrders([message], catalogue, new Set())).toEqual([
      {
        kind: "rejected",
        orderId: message.orderId,
        reason: "unknown_sku:ZZ",
        items: [
          { sku: "A", quantity: 1, unitPriceCents: 1000 },
          { sku: "ZZ", quantity: 1, unitPriceCents: null },
        ],
      },
    ]);
  });

  it("rejects an order in another currency than the catalogue's, naming the catalogue's", () => {
    const [decision] = decideOrders(
      [orderMessage([{ sku: "A", quantity: 1 }], { currency: "EUR" })],
      catalogue,
      new Set(),
    );
    expect(decision).toMatchObject({ kind: "rejected", reason: "currency_mismatch:USD" });
  });

  it("rejects an order asking for more than the stock", () => {
    const [decision] = decideOrders([orderMessage([{ sku: "B", quantity: 2 }])], catalogue, new Set());
    expect(decision).toMatchObject({ kind: "rejected", reason: "insufficient_stock:B" });
  });

  it("names unknown skus before currency before stock", () => {
    const items = [
      { sku: "B", quantity: 9 },
      { sku: "ZZ", quantity: 1 },
    ];
    expect(decideOrders([orderMessage(items, { currency: "EUR" })], catalogue, new Set())[0]).toMatchObject({
      reason: "unknown_sku:ZZ",
    });
    expect(
      decideOrders([orderMessage([{ sku: "B", quantity: 9 }], { currency: "EUR" })], catalogue, new Set())[0],
    ).toMatchObject({ reason: "currency_mismatch:USD" });
  });

  it("allocates stock across the batch in message order; a rejected order takes nothing", () => {
    const messages = [
      orderMessage([{ sku: "A", quantity: 4 }]),
      orderMessage([{ sku: "A", quantity: 2 }]),
      orderMessage([
        { sku: "A", quantity: 1 },
        { sku: "B", quantity: 1 },
      ]),
      orderMessage([{ sku: "B", quantity: 1 }]),
    ];
    expect(
      decideOrders(messages, catalogue, new Set()).map((d) => (d.kind === "rejected" ? d.reason : d.kind)),
    ).toEqual(["accepted", "insufficient_stock:A", "accepted", "insufficient_stock:B"]);
  });

  it("treats orders already recorded, or met earlier in the batch, as duplicates with no effect", () => {
    const recorded = orderMessage([{ sku: "A", quantity: 5 }]);
    const twice = orderMessage([{ sku: "B", quantity: 1 }]);
    const decisions = decideOrders([recorded, twice, twice], catalogue, new Set([recorded.orderId]));
    expect(decisions.map((d) => d.kind)).toEqual(["duplicate", "accepted", "duplicate"]);
  });

  it("does not change the catalogue it is given", () => {
    const before = structuredClone([...catalogue]);
    decideOrders([orderMessage([{ sku: "A", quantity: 5 }])], catalogue, new Set());
    expect([...catalogue]).toEqual(before);
  });

  it("never allocates more than the stock, and rejects for stock only when the stock left is short", () => {
    const skus = ["A", "B", "C"];
    const arbitraryBatch = fc.array(
      fc.uniqueArray(fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 6 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (item) => item.sku,
      }),
      { minLength: 1, maxLength: 30 },
    );
    const arbitraryStock = fc.tuple(...skus.map(() => fc.integer({ min: 0, max: 20 })));

    fc.assert(
      fc.property(arbitraryBatch, arbitraryStock, (batch, stocks) => {
        const stockBySku = new Map(skus.map((sku, i) => [sku, stocks[i] ?? 0]));
        const cat = catalogueOf(
          ...skus.map((sku) => ({ sku, priceCents: 100, stock: stockBySku.get(sku) ?? 0 })),
        );
        const messages = batch.map((items) => orderMessage(items));
        const left = new Map(stockBySku);
        decideOrders(messages, cat, new Set()).forEach((decision, i) => {
          const items = messages[i]?.items ?? [];
          if (decision.kind === "accepted") {
            for (const item of items) left.set(item.sku, (left.get(item.sku) ?? 0) - item.quantity);
          } else if (decision.kind === "rejected") {
            const sku = decision.reason.replace("insufficient_stock:", "");
            const item = items.find((it) => it.sku === sku);
            expect(item && item.quantity > (left.get(sku) ?? 0)).toBe(true);
          }
        });
        for (const remaining of left.values()) expect(remaining).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
