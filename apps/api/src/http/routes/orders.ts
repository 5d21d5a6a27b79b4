import { customerId, orderRequest } from "@orders/contracts";
import { jsonBody, type ServiceEnv, validate } from "@orders/http-kit";
import { callerOf, ForbiddenError } from "@orders/identity";
import { deadlines } from "@orders/settings";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { acceptOrder } from "../../domain/accept-order";
import { toOrderView } from "../../domain/order-view";
import type { OrderQueue, OrderReader } from "../../domain/ports";
import { NotFoundError, PayloadTooLargeError } from "../errors";
import { MAX_BODY_BYTES } from "../limits";
import { acceptOrderHeaders, orderIdParams } from "../schemas";

/**
 * `POST /orders` and `GET /orders/{id}`: wiring only; the work is in acceptOrder and the adapters. Their
 * OpenAPI description is in openapi/document.ts.
 */
export function registerOrderRoutes(
  app: Hono<ServiceEnv>,
  deps: { queue: OrderQueue; orders: OrderReader; now: () => Date },
): void {
  app.post(
    "/orders",
    // Before the validators: a body over the limit is refused without being parsed.
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      },
    }),
    validate("header", acceptOrderHeaders),
    ...jsonBody(orderRequest),
    async (c) => {
      const caller = callerOf(c.env);
      const request = c.req.valid("json");
      // The subject becomes the stored customer id: an identity the order flow cannot store may not order.
      if (!customerId.safeParse(caller.subject).success) {
        throw new ForbiddenError(
          "This account cannot place orders: its id (the token's subject) must be 1 to 64 printable characters.",
        );
      }
      if (request.customerId !== undefined && request.customerId !== caller.subject) {
        throw new ForbiddenError(
          "customerId must be your own customer id (the token's subject), or left out.",
        );
      }
      const input = {
        request,
        customerId: caller.subject,
        idempotencyKey: c.req.valid("header")["idempotency-key"],
        correlationId: c.var.correlationId,
        acceptedAt: deps.now(),
      };
      const known = {
        orders: deps.orders,
        lookupMs: deadlines.apiIdempotencyLookupMs,
        onLookupFailed: (error: unknown) =>
          c.var.logger.warn("idempotency lookup failed; accepting as if the order were not known yet", {
            error,
          }),
      };
      // What acceptOrder refuses (a message the queue contract refuses, a key already used for another body,
      // a queue that does not take it) are domain errors: the error funnel maps them (errors.ts).
      const message = await acceptOrder(deps.queue, input, known);
      c.var.logger.info("order queued", { orderId: message.orderId, items: message.items.length });
      return c.json({ orderId: message.orderId, status: "queued" as const }, 202, {
        Location: `/orders/${message.orderId}`,
      });
    },
  );

  app.get("/orders/:id", validate("param", orderIdParams), async (c) => {
    const caller = callerOf(c.env);
    const { id } = c.req.valid("param");
    const order = await deps.orders.findOrder(id);
    // Another customer's order answers exactly as a missing one: its existence is not the caller's to know.
    if (!order || order.customerId !== caller.subject)
      throw new NotFoundError(`Order ${id} does not exist or has not been processed yet.`);
    return c.json(toOrderView(order), 200);
  });
}
