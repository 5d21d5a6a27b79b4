import * as z from "zod/mini";
import { currencyCode, orderLines } from "./order-request";
import { customerId, printableText } from "./printable-text";
import "./zod";

export const ORDER_MESSAGE_SCHEMA_VERSION = 1;

/**
 * What the API puts on the orders queue and the worker consumes. The order id is chosen by the API, so every
 * delivery of the same message (and every retry of the same request) names the same order.
 *
 * The one schema of the message: the API checks every message against it before sending, and the worker
 * reads every message with it, so a message the API sends is one the worker can store (a property test holds
 * the two together against a real database).
 */
export const orderMessage = z.object({
  schemaVersion: z.literal(ORDER_MESSAGE_SCHEMA_VERSION),
  orderId: z.uuid(),
  customerId,
  currency: currencyCode,
  items: orderLines,
  /** When the API accepted the request (ISO 8601, UTC). */
  acceptedAt: z.iso.datetime(),
  /** Ties API logs, worker logs and the response's X-Request-Id together. */
  correlationId: printableText(128),
});

export type OrderMessage = z.infer<typeof orderMessage>;

/**
 * The queue body of a message: its JSON with every character outside printable ASCII written as a `\uXXXX`
 * escape. SQS takes only some Unicode in a body (AWS, "SendMessage": `#x9 | #xA | #xD | #x20 to #xD7FF |
 * #xE000 to #xFFFD | #x10000 to #x10FFFF`), so a SKU the contract allows (U+FFFE, say) would otherwise be
 * refused by the queue after the request was validated; escaped, every valid string travels, and
 * `JSON.parse` gives back exactly the message.
 *
 * @example
 * orderMessageBody(message); // '{"schemaVersion":1,…,"items":[{"sku":"caf\u00e9","quantity":1}],…}'
 */
export function orderMessageBody(message: OrderMessage): string {
  return JSON.stringify(message).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export type ParsedOrderMessage = { ok: true; message: OrderMessage } | { ok: false; reason: string };

/**
 * Parses a queue message body. A body that fails here can never succeed later (bad JSON, unknown schema
 * version, invalid fields): the worker reports it as failed on every receive so it ends in the DLQ.
 */
export function parseOrderMessage(body: string): ParsedOrderMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== ORDER_MESSAGE_SCHEMA_VERSION) {
    return { ok: false, reason: `unknown schema version ${JSON.stringify(version)}` };
  }
  const parsed = orderMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `invalid message: ${issue?.path.join(".")} ${issue?.message}` };
  }
  return { ok: true, message: parsed.data };
}
