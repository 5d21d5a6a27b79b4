import {
  ORDER_MESSAGE_SCHEMA_VERSION,
  type OrderMessage,
  type OrderRequest,
  orderMessage,
} from "@orders/contracts";
import type { $ZodError } from "zod/v4/core";
import { sameOrder } from "./idempotent-reuse";
import { orderIdFor } from "./order-id";
import type { OrderQueue, OrderReader } from "./ports";

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
 * The Idempotency-Key already names an order of this customer with another body: the new cart would be
 * silently dropped (the worker writes an order id once), so it is refused (the IETF Idempotency-Key draft's
 * 422).
 */
export class IdempotencyKeyReusedError extends Error {
  override name = "IdempotencyKeyReusedError";
  constructor(readonly orderId: string) {
    super(`the Idempotency-Key already names order ${orderId}, with another body`);
  }
}

/** Where acceptOrder looks for an order an Idempotency-Key already names, and how long it may look. */
export interface KnownOrders {
  orders: OrderReader;
  /** Past this, the order counts as not known yet (the lookup never holds up a 202 for long). */
  lookupMs: number;
  /** Told when the lookup failed or ran out of time: the order is then accepted as if not known. */
  onLookupFailed?: (error: unknown) => void;
}

/**
 * Accepting an order means: name it, and put it on the queue. Nothing is written to the database here, so a
 * burst of requests costs no connections; the worker drains the queue at a bounded concurrency.
 */
export async function acceptOrder(
  queue: OrderQueue,
  input: AcceptOrderInput,
  known?: KnownOrders,
): Promise<OrderMessage> {
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
  if (input.idempotencyKey !== undefined && known) {
    const stored = await lookUp(known, message.orderId);
    if (stored && !sameOrder(stored, message)) throw new IdempotencyKeyReusedError(message.orderId);
  }
  await queue.enqueue(message);
  return message;
}

/**
 * The stored order an id names, or undefined when it is not known yet, or when the database does not answer
 * within `lookupMs` (a 202 never waits on the database: the queue is what accepts orders).
 */
async function lookUp(known: KnownOrders, orderId: string) {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${known.lookupMs} ms`)), known.lookupMs);
  });
  const read = known.orders.findOrder(orderId);
  // A read that answers after the race is lost still settles; its failure is nobody's to handle.
  read.catch(() => {});
  try {
    return await Promise.race([read, outOfTime]);
  } catch (error) {
    known.onLookupFailed?.(error);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
