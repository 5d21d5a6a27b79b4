import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "@orders/http-problem";
import type { QueueDepthReader, ReportReader } from "../../ports";
import {
  dailySalesSchema,
  problemSchema,
  queueDepthsSchema,
  rangeQuerySchema,
  topProductsQuerySchema,
  topProductsSchema,
} from "../schemas";

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

const dailySalesRoute = createRoute({
  method: "get",
  path: "/reports/daily-sales",
  summary: "Accepted orders, units and revenue per UTC day",
  description:
    "One entry per day with at least one accepted order, by the day the order was processed (UTC). " +
    "Closed days come from the rollups, recent ones are aggregated live, so new orders show at once.",
  request: { query: rangeQuerySchema },
  responses: {
    200: {
      description: "Days with activity, in order",
      content: { "application/json": { schema: dailySalesSchema } },
    },
    400: problem("Missing or invalid from/to, to before from, or a range over 366 days"),
    503: problem("Database unavailable"),
  },
});

const topProductsRoute = createRoute({
  method: "get",
  path: "/reports/top-products",
  summary: "Best-selling products by revenue over a range of UTC days",
  request: { query: topProductsQuerySchema },
  responses: {
    200: {
      description: "Products by revenue (highest first, ties by SKU)",
      content: { "application/json": { schema: topProductsSchema } },
    },
    400: problem("Invalid range or limit outside 1..100"),
    503: problem("Database unavailable"),
  },
});

const queueRoute = createRoute({
  method: "get",
  path: "/reports/queue",
  summary: "Approximate depth of the orders queue and its dead-letter queue",
  responses: {
    200: {
      description: "Depths from SQS GetQueueAttributes",
      content: { "application/json": { schema: queueDepthsSchema } },
    },
    503: problem("SQS could not be read"),
  },
});

/** The read-only JSON reports. */
export function registerReportRoutes(
  app: OpenAPIHono,
  deps: { reports: ReportReader; queues: QueueDepthReader },
): void {
  app.openapi(dailySalesRoute, async (c) => {
    const { from, to } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    return c.json(await deps.reports.dailySales(from, to), 200);
  });

  app.openapi(topProductsRoute, async (c) => {
    const { from, to, limit } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    return c.json(await deps.reports.topProducts(from, to, limit), 200);
  });

  app.openapi(queueRoute, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await deps.queues.read(), 200);
  });
}
