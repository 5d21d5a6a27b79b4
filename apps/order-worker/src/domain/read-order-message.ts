import { type ParsedOrderMessage, parseOrderMessage } from "@orders/contracts";

/**
 * Reads a queue message body into an order message, or says why it never can be one.
 *
 * This is the shared contract's parser and nothing more: the API checks every message against the same
 * schema before sending it, so what the API accepts is exactly what is read here. The contract holds what the
 * database can store (printable SKUs and customer ids within the columns' lengths, each SKU once per order:
 * an order line is keyed by order and SKU). A body that fails is poison (dead-letter queue), not a rejected
 * order.
 */
export function readOrderMessage(body: string): ParsedOrderMessage {
  return parseOrderMessage(body);
}
