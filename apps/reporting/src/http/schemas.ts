import { z } from "@hono/zod-openapi";
import { maxRangeDays } from "../calendar/report-limits";
import { daySpan, isUtcDay } from "../calendar/utc-day";

const day = (name: "from" | "to", example: string) =>
  z
    .string({ error: "required, as YYYY-MM-DD" })
    .refine(isUtcDay, "must be a calendar day as YYYY-MM-DD")
    .openapi({
      param: { name, in: "query" },
      example,
      description: `UTC day, ${name === "from" ? "first" : "last"} included`,
    });

/** Checks that a `from`..`to` range is in order and at most {@link maxRangeDays} long; blames `to`. */
function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (!isUtcDay(range.from) || !isUtcDay(range.to)) return;
  const span = daySpan(range.from, range.to);
  if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  if (span > maxRangeDays) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `the range covers at most ${maxRangeDays} days` });
  }
}

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`. */
export const rangeQuerySchema = z
  .object({ from: day("from", "2026-11-01"), to: day("to", "2026-11-30") })
  .superRefine(checkRange);

/** `?from=...&to=...&limit=N` (limit 1..100, default 10). */
export const topProductsQuerySchema = z
  .object({
    from: day("from", "2026-11-01"),
    to: day("to", "2026-11-30"),
    limit: z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(100, "must be at most 100")
      .default(10)
      .openapi({ param: { name: "limit", in: "query" }, example: 10 }),
  })
  .superRefine(checkRange);

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
