import { v4, v5 } from "uuid";

/**
 * Fixed namespace for order ids derived from idempotency keys. Changing it would give every retried request a
 * new order id, so it is a constant of the platform, never configuration.
 */
export const ORDER_ID_NAMESPACE = "5b0f3c8e-2f7d-4b8a-9c61-0d4e7a9f1b23";

/**
 * The order id of a request. With an Idempotency-Key it is a name-based UUID (v5) over the customer and the
 * key, so every retry of the same request names the same order and the worker writes it once, without the
 * API keeping any state. Without a key each request is a new order (random v4).
 *
 * @example
 * orderIdFor("c-1", "checkout-42") === orderIdFor("c-1", "checkout-42"); // true
 */
export function orderIdFor(customerId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return v4();
  // JSON array, not a plain join: ("a:b", "c") and ("a", "b:c") must not collide.
  return v5(JSON.stringify([customerId, idempotencyKey]), ORDER_ID_NAMESPACE);
}
