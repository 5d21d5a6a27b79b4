import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage, type OrderRequest } from "@orders/contracts";
import { orderIdFor } from "./order-id";
import type { OrderQueue } from "./ports";

export interface AcceptOrderInput {
  request: OrderRequest;
  /** The caller, from the access token: the order is always theirs. */
  customerId: string;
  idempotencyKey: string | undefined;
  correlationId: string;
  acceptedAt: Date;
}

/**
 * Accepting an order means: name it, and put it on the queue. Nothing is written to the database here, so a
 * burst of requests costs no connections; the worker drains the queue at a bounded concurrency.
 */
export async function acceptOrder(queue: OrderQueue, input: AcceptOrderInput): Promise<OrderMessage> {
  const message: OrderMessage = {
    schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
    // Keyed by the caller, not by the body: two customers using one key get two orders.
    orderId: orderIdFor(input.customerId, input.idempotencyKey),
    customerId: input.customerId,
    currency: input.request.currency,
    items: input.request.items,
    acceptedAt: input.acceptedAt.toISOString(),
    correlationId: input.correlationId,
  };
  await queue.enqueue(message);
  return message;
}
