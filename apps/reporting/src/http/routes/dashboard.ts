import type { ServiceEnv } from "@orders/http-kit";
import { callerOf, type StaffConvention } from "@orders/identity";
import type { Hono } from "hono";
import { addDays, utcDayOf } from "../../domain/utc-day";
import type { SignInSettings } from "../dashboard/page-contract";
import { renderDashboard } from "../dashboard/render-dashboard";

/**
 * The page's two scripts, each a loader the routes call per request (the runtime hands in ones that read the
 * files once and keep them in memory): this layer reads no file.
 */
export interface DashboardAssets {
  /** The bundled browser code, served at `/assets/dashboard.js`. */
  dashboardScript: () => Promise<string>;
  /** Chart.js's self-contained UMD build, served at `/assets/chart.umd.min.js`. */
  chartJs: () => Promise<string>;
}

const rangeChoices = [7, 30, 90, 365] as const;
const defaultDays = 30;

/**
 * Everything the page loads comes from this service; styles are inline in the page. The one other origin
 * it talks to is the issuer's token endpoint (the code exchange of the sign-in).
 */
function contentSecurityPolicy(signIn: SignInSettings | undefined): string {
  const tokenOrigin = signIn ? ` ${new URL(signIn.tokenUrl).origin}` : "";
  return `default-src 'none'; script-src 'self'; connect-src 'self'${tokenOrigin}; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'`;
}

/**
 * `/` (the dashboard page, public: it holds no data), its two scripts, and `/me` (who the signed-in caller
 * is, so the page can tell a customer that reports are for staff without asking for one). Not part of the
 * OpenAPI document: they are the dashboard's, not API.
 */
export function registerDashboardRoutes(
  app: Hono<ServiceEnv>,
  deps: {
    now: () => Date;
    signIn: SignInSettings | undefined;
    staff: StaffConvention;
    assets: DashboardAssets;
  },
): void {
  app.get("/", (c) => {
    const asked = Number(c.req.query("days"));
    const days = (rangeChoices as readonly number[]).includes(asked) ? asked : defaultDays;
    const to = utcDayOf(deps.now());
    c.header("Content-Security-Policy", contentSecurityPolicy(deps.signIn));
    c.header("Cache-Control", "no-store");
    return c.html(
      renderDashboard({
        from: addDays(to, 1 - days),
        to,
        rangeChoices,
        selectedDays: days,
        signIn: deps.signIn,
      }),
    );
  });

  app.get("/me", (c) => {
    const caller = callerOf(c.env, deps.staff);
    c.header("Cache-Control", "no-store");
    return c.json({ subject: caller.subject, staff: caller.staff }, 200);
  });

  app.get("/assets/dashboard.js", async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(await deps.assets.dashboardScript());
  });

  app.get("/assets/chart.umd.min.js", async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await deps.assets.chartJs());
  });
}
