import { type ParsedOrderMessage, parseOrderMessage } from "@orders/contracts";

/**
 * Reads a queue message body into an order message, or says why it never can be one.
 *
 * On top of the shared contract, an order must name each SKU once: the API never sends otherwise, an order
 * line is keyed by (order, sku) in the database, and stock checks count each line on its own. Such a body is
 * as broken as bad JSON, so it is poison too (dead-letter queue), not a rejected order.
 */
export function readOrderMessage(body: string): ParsedOrderMessage {
  const parsed = parseOrderMessage(body);
  if (!parsed.ok) return parsed;
  const seen = new Set<string>();
  for (const [index, item] of parsed.message.items.entries()) {
    if (seen.has(item.sku)) {
      return { ok: false, reason: `invalid message: items.${index}.sku ${item.sku} appears more than once` };
    }
    seen.add(item.sku);
  }
  return parsed;
}
