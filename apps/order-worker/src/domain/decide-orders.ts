import type { OrderMessage } from "@orders/contracts";

/** What the worker knows about a product while it holds the product's row lock. */
export interface CatalogueEntry {
  sku: string;
  currency: string;
  priceCents: number;
  stock: number;
}

/** One line of a decided order, priced from the catalogue (null when the catalogue does not know the SKU). */
export interface PricedItem {
  sku: string;
  quantity: number;
  unitPriceCents: number | null;
}

export type OrderDecision =
  /** Every item known, in the order's currency and in stock: stock is taken, the order is recorded. */
  | { kind: "accepted"; orderId: string; totalCents: number; items: PricedItem[] }
  /** A business "no": recorded with its reason, stock untouched. The message still succeeds. */
  | { kind: "rejected"; orderId: string; reason: string; items: PricedItem[] }
  /** Already recorded (earlier delivery, or an earlier message of this batch): nothing to do. */
  | { kind: "duplicate"; orderId: string };

/**
 * The worker's decision rules, as a pure function: NOT the production path but the executable specification
 * of the database function `record_order_batch` (packages/db/migrations/0002_record_order_batch.sql), which
 * applies the same rules in production, under the product locks, in the statement that writes (see
 * `processOrderBatch` in adapters/order-repository.ts for why there). Nothing at runtime calls it; it lives
 * in `domain/` because it is the rules, and pure.
 * A property test (adapters/order-repository.rules.integration.test.ts) holds the two to the same answer on
 * generated batches; change both together. Returns one decision per message, in message order. Expects each message to
 * name a SKU once (see `readOrderMessage`).
 *
 * Orders are considered in message order; each accepted order consumes stock that later orders of the same
 * batch can no longer take, so two orders for the last unit are decided first come, first served.
 * A rejection names the first problem found, checked in this order across the order's items:
 * `unknown_sku:<sku>`, then `currency_mismatch:<catalogue currency>`, then `insufficient_stock:<sku>`.
 * A rejected order's total is 0 (nothing is charged); its known items keep their catalogue price.
 *
 * @example
 * decideOrders([message], new Map([["KB-001", { sku: "KB-001", currency: "USD", priceCents: 100, stock: 1 }]]), new Set())
 * // → [{ kind: "accepted", orderId: message.orderId, totalCents: 100 * quantity, items: [...] }]
 */
export function decideOrders(
  messages: readonly OrderMessage[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  existingOrderIds: ReadonlySet<string>,
): OrderDecision[] {
  const available = new Map([...catalogue].map(([sku, entry]) => [sku, entry.stock]));
  const seen = new Set(existingOrderIds);

  return messages.map((message): OrderDecision => {
    if (seen.has(message.orderId)) return { kind: "duplicate", orderId: message.orderId };
    seen.add(message.orderId);

    const items = message.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      unitPriceCents: catalogue.get(item.sku)?.priceCents ?? null,
    }));
    const reason = rejectionReason(message, catalogue, available);
    if (reason) return { kind: "rejected", orderId: message.orderId, reason, items };

    for (const item of message.items) {
      available.set(item.sku, (available.get(item.sku) ?? 0) - item.quantity);
    }
    const totalCents = items.reduce((sum, item) => sum + item.quantity * (item.unitPriceCents ?? 0), 0);
    return { kind: "accepted", orderId: message.orderId, totalCents, items };
  });
}

function rejectionReason(
  message: OrderMessage,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  available: ReadonlyMap<string, number>,
): string | undefined {
  const unknown = message.items.find((item) => !catalogue.has(item.sku));
  if (unknown) return `unknown_sku:${unknown.sku}`;
  const foreign = message.items
    .map((item) => catalogue.get(item.sku))
    .find((entry) => entry !== undefined && entry.currency !== message.currency);
  if (foreign) return `currency_mismatch:${foreign.currency}`;
  const short = message.items.find((item) => (available.get(item.sku) ?? 0) < item.quantity);
  if (short) return `insufficient_stock:${short.sku}`;
  return undefined;
}
