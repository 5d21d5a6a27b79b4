import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage, type OrderRequest } from "@orders/contracts";
import { orderIdFor } from "./order-id";
import type { OrderQueue } from "./ports";

export interface AcceptOrderInput {
  request: OrderRequest;
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
    orderId: orderIdFor(input.request.customerId, input.idempotencyKey),
    customerId: input.request.customerId,
    currency: input.request.currency,
    items: input.request.items,
    acceptedAt: input.acceptedAt.toISOString(),
    correlationId: input.correlationId,
  };
  await queue.enqueue(message);
  return message;
}
