import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage } from "@orders/contracts";
import { describe, expect, it } from "vitest";
import { sameOrder } from "./idempotent-reuse";

const message: OrderMessage = {
  schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
  orderId: "0b6f0d6e-3f5c-4a39-9d8b-6c1f3f2f6a11",
  customerId: "c-1",
  currency: "USD",
  items: [
    { sku: "A", quantity: 2 },
    { sku: "B", quantity: 1 },
  ],
  acceptedAt: "2026-12-01T00:00:00.000Z",
  correlationId: "r-1",
};
const stored = {
  customerId: "c-1",
  currency: "USD",
  items: [
    { sku: "B", quantity: 1, unitPriceCents: 100 },
    { sku: "A", quantity: 2, unitPriceCents: null },
  ],
};

describe("sameOrder", () => {
  it("matches the stored order of the same request, whatever the order of its lines", () => {
    expect(sameOrder(stored, message)).toBe(true);
  });

  it.each([
    ["another quantity", { items: [stored.items[0], { ...stored.items[1], quantity: 3 }] }],
    ["another sku", { items: [stored.items[0], { ...stored.items[1], sku: "C" }] }],
    ["a line less", { items: [stored.items[1]] }],
    ["another currency", { currency: "EUR" }],
    ["another customer", { customerId: "c-2" }],
  ])("tells %s apart", (_, change) => {
    expect(sameOrder({ ...stored, ...change } as typeof stored, message)).toBe(false);
  });
});
