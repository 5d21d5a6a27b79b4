import type { OrderMessage } from "@orders/contracts";
import type { ProcessedOrder } from "./ports";

/** What a stored order says about the request that made it. */
export type StoredOrder = Pick<ProcessedOrder, "customerId" | "currency" | "items">;

/**
 * Whether a stored order is the one `message` asks for: same customer, currency and lines (each SKU with its
 * quantity, in any order). The worker stores what the message said, so a retry of the same request always
 * matches, and any other body under the same Idempotency-Key does not.
 *
 * @example
 * sameOrder(stored, message); // false when the cart or the currency changed under one key
 */
export function sameOrder(stored: StoredOrder, message: OrderMessage): boolean {
  if (stored.customerId !== message.customerId || stored.currency !== message.currency) return false;
  if (stored.items.length !== message.items.length) return false;
  const quantities = new Map(stored.items.map((item) => [item.sku, item.quantity]));
  return message.items.every((item) => quantities.get(item.sku) === item.quantity);
}
