import { randomUUID } from "node:crypto";
import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage } from "@orders/contracts";
import { benchSkus } from "./bench-catalogue";

/**
 * A valid v1 order message with `itemsPerOrder` distinct bench SKUs, quantity 1..3 each. Deterministic in
 * `seq` (which SKUs, how many), so runs are comparable; the order id is fresh each time.
 */
export function benchOrderMessage(
  seq: number,
  itemsPerOrder = 3,
  skus: readonly string[] = benchSkus,
): OrderMessage {
  const items = Array.from({ length: itemsPerOrder }, (_, k) => ({
    sku: skus[(seq * 7 + k * 13) % skus.length] as string,
    quantity: 1 + ((seq + k) % 3),
  }));
  return {
    schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
    orderId: randomUUID(),
    customerId: `bench-${seq % 1000}`,
    currency: "USD",
    items: dedupeBySku(items),
    acceptedAt: new Date().toISOString(),
    correlationId: `bench-${seq}`,
  };
}

function dedupeBySku<T extends { sku: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.sku) && seen.add(item.sku));
}
