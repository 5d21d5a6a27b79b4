import * as z from "zod/mini";
import { currencyCode, orderLine } from "./order-request";
import "./zod";

export const ORDER_MESSAGE_SCHEMA_VERSION = 1;

/**
 * What the API puts on the orders queue and the worker consumes. The order id is chosen by the API, so every
 * delivery of the same message (and every retry of the same request) names the same order.
 */
export const orderMessage = z.object({
  schemaVersion: z.literal(ORDER_MESSAGE_SCHEMA_VERSION),
  orderId: z.uuid(),
  customerId: z.string().check(z.minLength(1), z.maxLength(64)),
  currency: currencyCode,
  items: z.array(orderLine).check(z.minLength(1), z.maxLength(50)),
  /** When the API accepted the request (ISO 8601, UTC). */
  acceptedAt: z.iso.datetime(),
  /** Ties API logs, worker logs and the response's X-Request-Id together. */
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
});

export type OrderMessage = z.infer<typeof orderMessage>;

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
