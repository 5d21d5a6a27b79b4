import {
  ORDER_MESSAGE_SCHEMA_VERSION,
  type OrderMessage,
  type OrderRequest,
  orderMessage,
} from "@orders/contracts";
import type { $ZodError } from "zod/v4/core";
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
 * The message would break the queue contract the worker reads with: it would be refused on every receive and
 * end in the dead-letter queue, so it is never sent. Carries the contract's issues (paths as in the message).
 */
export class UnqueueableOrderError extends Error {
  override name = "UnqueueableOrderError";
  constructor(readonly issues: $ZodError) {
    super("the order message does not satisfy the queue contract");
  }
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
  // The same schema the worker reads with: what is sent here is what it can store.
  const checked = orderMessage.safeParse(message);
  if (!checked.success) throw new UnqueueableOrderError(checked.error);
  await queue.enqueue(message);
  return message;
}
