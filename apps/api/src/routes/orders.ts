import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { orderRequest } from "@orders/contracts";
import { bodyLimit } from "hono/body-limit";
import { acceptOrder } from "../accept-order";
import type { ApiEnv } from "../app-env";
import { NotFoundError, PayloadTooLargeError } from "../errors";
import { MAX_BODY_BYTES } from "../limits";
import { toOrderView } from "../order-view";
import type { OrderQueue, OrderReader } from "../ports";
import { acceptOrderHeaders, orderAccepted, orderIdParams, orderView, problemResponses } from "../schemas";

const postOrder = createRoute({
  method: "post",
  path: "/orders",
  operationId: "placeOrder",
  summary: "Place an order",
  description:
    "Validates the order and puts it on the queue; answers 202 only once the message is on the queue. " +
    "The worker prices it and reserves stock; poll GET /orders/{id} for the outcome.",
  // Before the validators: a body over the limit is refused without being parsed.
  middleware: [
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      },
    }),
  ],
  request: {
    headers: acceptOrderHeaders,
    body: { required: true, content: { "application/json": { schema: orderRequest } } },
  },
  responses: {
    202: {
      description: "Queued. `Location` points at the order.",
      headers: { Location: { schema: { type: "string" }, description: "/orders/{orderId}" } },
      content: { "application/json": { schema: orderAccepted } },
    },
    ...problemResponses({
      400: "Invalid body or header, or malformed JSON",
      413: "Body over 64 KiB",
      415: "Body is not application/json",
      503: "The queue did not take the order; retry after Retry-After seconds",
    }),
  },
});

const getOrder = createRoute({
  method: "get",
  path: "/orders/{id}",
  operationId: "getOrder",
  summary: "Read a processed order",
  description: "404 until the worker has processed the order.",
  request: { params: orderIdParams },
  responses: {
    200: { description: "The processed order", content: { "application/json": { schema: orderView } } },
    ...problemResponses({
      400: "The id is not a UUID",
      404: "Unknown or not processed yet",
      503: "Database unavailable",
    }),
  },
});

/** `POST /orders` and `GET /orders/{id}`: wiring only; the work is in acceptOrder and the adapters. */
export function registerOrderRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: { queue: OrderQueue; orders: OrderReader; now: () => Date },
): void {
  app.openapi(postOrder, async (c) => {
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
  });

  app.openapi(getOrder, async (c) => {
    const { id } = c.req.valid("param");
    const order = await deps.orders.findOrder(id);
    if (!order) throw new NotFoundError(`Order ${id} does not exist or has not been processed yet.`);
    return c.json(toOrderView(order), 200);
  });
}
