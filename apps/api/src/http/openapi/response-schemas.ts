import { z } from "@hono/zod-openapi";
import { problemSchema } from "@orders/http-kit/openapi";

/*
 * Response schemas of the API, for the OpenAPI document only (responses are built by the routes and never
 * parsed), written with the OpenAPI generator's classic zod. Only openapi/document.ts imports this module,
 * so classic zod stays out of what a cold start loads.
 */

const exampleOrderId = "6f1c2a4e-8b3d-5e7f-9a0b-1c2d3e4f5a6b";

export const orderAccepted = z
  .object({ orderId: z.uuid(), status: z.literal("queued") })
  .openapi("OrderAccepted", { example: { orderId: exampleOrderId, status: "queued" } });

export const orderView = z
  .object({
    orderId: z.uuid(),
    customerId: z.string(),
    status: z.enum(["accepted", "rejected"]),
    rejectionReason: z.string().optional().openapi({ example: "insufficient_stock" }),
    currency: z.string().length(3),
    totalCents: z.int().min(0).openapi({ description: "Integer cents." }),
    items: z.array(
      z.object({
        sku: z.string(),
        quantity: z.int().min(1),
        unitPriceCents: z.int().min(0).nullable().openapi({
          description: "Catalogue price when processed; null only for an unknown SKU of a rejected order.",
        }),
      }),
    ),
    acceptedAt: z.iso.datetime(),
    processedAt: z.iso.datetime(),
  })
  .openapi("Order");

export const productView = z
  .object({
    sku: z.string(),
    name: z.string(),
    currency: z.string().length(3),
    priceCents: z.int().min(0).openapi({ description: "Integer cents." }),
    stock: z.int().min(0),
  })
  .openapi("Product");

export const productList = z.object({ products: z.array(productView) }).openapi("ProductList");

export const health = z.object({ status: z.literal("ok") }).openapi("Health");

/**
 * RFC 9457 problem details, with the request id every problem of the API carries (a 401 or 403 the gateway
 * answers before the API runs has none).
 */
export const problem = problemSchema({
  description: "RFC 9457 problem details.",
  type: { description: "URI reference to this problem type on the docs page." },
  members: {
    requestId: z.string().optional().openapi({
      description:
        "The request's id, as in X-Request-Id; absent when the gateway answered before the API ran.",
    }),
  },
  errors: {
    in: ["body", "header", "path", "query"],
    pointer: { example: "/items/0/quantity" },
    path: { example: ["items", 0, "quantity"] },
    index: z.int(),
  },
});
