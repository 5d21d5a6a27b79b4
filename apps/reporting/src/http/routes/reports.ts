import type { ServiceEnv } from "@orders/http-kit";
import { validate } from "@orders/http-kit";
import { type StaffConvention, staffCallerOf } from "@orders/identity";
import type { Hono } from "hono";
import type { QueueDepthReader, ReportReader } from "../../domain/ports";
import { rangeQuerySchema, topProductsQuerySchema } from "../schemas";

/**
 * The read-only JSON reports, for staff only (the gateway has verified the token; a signed-in customer gets
 * 403). Their OpenAPI description is in openapi/document.ts.
 */
export function registerReportRoutes(
  app: Hono<ServiceEnv>,
  deps: { reports: ReportReader; queues: QueueDepthReader; staff: StaffConvention },
): void {
  app.use("/reports/*", async (c, next) => {
    staffCallerOf(c.env, deps.staff);
    await next();
  });

  app.get("/reports/daily-sales", validate("query", rangeQuerySchema), async (c) => {
    const { from, to } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    return c.json(await deps.reports.dailySales(from, to), 200);
  });

  app.get("/reports/top-products", validate("query", topProductsQuerySchema), async (c) => {
    const { from, to, limit } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    return c.json(await deps.reports.topProducts(from, to, limit), 200);
  });

  app.get("/reports/queue", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await deps.queues.read(), 200);
  });
}
