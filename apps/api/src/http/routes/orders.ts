import { orderRequest } from "@orders/contracts";
import { jsonBody, validate } from "@orders/http-problem";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { acceptOrder } from "../../domain/accept-order";
import { toOrderView } from "../../domain/order-view";
import type { OrderQueue, OrderReader } from "../../domain/ports";
import type { ApiEnv } from "../app-env";
import { NotFoundError, PayloadTooLargeError } from "../errors";
import { MAX_BODY_BYTES } from "../limits";
import { acceptOrderHeaders, orderIdParams } from "../schemas";

/**
 * `POST /orders` and `GET /orders/{id}`: wiring only; the work is in acceptOrder and the adapters. Their
 * OpenAPI description is in openapi/document.ts.
 */
export function registerOrderRoutes(
  app: Hono<ApiEnv>,
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
      const message = await acceptOrder(deps.queue, {
        request: c.req.valid("json"),
        idempotencyKey: c.req.valid("header")["idempotency-key"],
        correlationId: c.var.correlationId,
        acceptedAt: deps.now(),
      });
      c.var.logger.info("order queued", { orderId: message.orderId, items: message.items.length });
      return c.json({ orderId: message.orderId, status: "queued" as const }, 202, {
        Location: `/orders/${message.orderId}`,
      });
    },
  );

  app.get("/orders/:id", validate("param", orderIdParams), async (c) => {
    const { id } = c.req.valid("param");
    const order = await deps.orders.findOrder(id);
    if (!order) throw new NotFoundError(`Order ${id} does not exist or has not been processed yet.`);
    return c.json(toOrderView(order), 200);
  });
}
