import type { Hono } from "hono";
import { addDays, utcDayOf } from "../../domain/utc-day";
import { chartJsSource } from "../dashboard/chart-asset";
import { dashboardScript } from "../dashboard/dashboard-script";
import { renderDashboard } from "../dashboard/render-dashboard";

const rangeChoices = [7, 30, 90, 365] as const;
const defaultDays = 30;

// Everything the page loads comes from this service; styles are inline in the page.
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/** `/` (the dashboard page) and its two scripts. Not part of the OpenAPI document: they are not API. */
export function registerDashboardRoutes(app: Hono, deps: { now: () => Date }): void {
  app.get("/", (c) => {
    const asked = Number(c.req.query("days"));
    const days = (rangeChoices as readonly number[]).includes(asked) ? asked : defaultDays;
    const to = utcDayOf(deps.now());
    c.header("Content-Security-Policy", contentSecurityPolicy);
    c.header("Cache-Control", "no-store");
    return c.html(renderDashboard({ from: addDays(to, 1 - days), to, rangeChoices, selectedDays: days }));
  });

  app.get("/assets/dashboard.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(dashboardScript);
  });

  app.get("/assets/chart.umd.min.js", async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await chartJsSource());
  });
}
