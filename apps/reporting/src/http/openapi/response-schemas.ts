import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "@orders/http-problem";

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

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: "/docs#problem-validation-error" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z
      .array(
        z.object({
          in: z.enum(["query", "path", "header", "body"]),
          pointer: z.string().openapi({ example: "/to" }),
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

/** An OpenAPI response entry for a problem. */
export const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});
