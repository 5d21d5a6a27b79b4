import { z } from "@hono/zod-openapi";
import { problemSchema } from "@orders/http-kit/openapi";

/*
 * Response schemas of the reports, for the OpenAPI document only (responses are built by the routes and
 * never parsed), written with the OpenAPI generator's classic zod. Only openapi/document.ts imports this
 * module, so classic zod stays out of the Lambda bundle.
 */

export const dailySalesSchema = z
  .array(
    z.object({
      day: z.string().openapi({ example: "2026-11-27" }),
      orders: z.number().int().openapi({ example: 42 }),
      units: z.number().int().openapi({ example: 97 }),
      revenueCents: z.number().int().openapi({ example: 1_234_500 }),
    }),
  )
  .openapi("DailySales");

export const topProductsSchema = z
  .array(
    z.object({
      sku: z.string().openapi({ example: "KB-001" }),
      name: z.string().openapi({ example: "Mechanical keyboard" }),
      units: z.number().int().openapi({ example: 12 }),
      revenueCents: z.number().int().openapi({ example: 107_988 }),
    }),
  )
  .openapi("TopProducts");

const depth = z.object({
  visible: z.number().int().openapi({ description: "ApproximateNumberOfMessages" }),
  inFlight: z.number().int().openapi({ description: "ApproximateNumberOfMessagesNotVisible" }),
  delayed: z.number().int().openapi({ description: "ApproximateNumberOfMessagesDelayed" }),
});

export const queueDepthsSchema = z.object({ orders: depth, deadLetter: depth }).openapi("QueueDepths");

/** RFC 9457 problem details, as the reports answer them, with the request id the service adds. */
export const problem = problemSchema({
  type: { example: "/docs#problem-validation-error" },
  members: {
    requestId: z.string().optional().openapi({
      description:
        "The request's id, as in X-Request-Id; absent when the gateway answered before the service ran.",
    }),
  },
  errors: {
    in: ["query", "path", "header", "body"],
    pointer: { example: "/to" },
    index: z.number(),
  },
});
