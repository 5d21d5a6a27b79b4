import { answerWithProblems, type FunnelLogger } from "@orders/http-problem";
import { Hono } from "hono";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import { NotFoundError } from "./report-errors";
import { registerDashboardRoutes } from "./routes/dashboard-routes";
import { registerReportingOpenApiRoute } from "./routes/openapi-routes";
import { registerProblemDocsRoutes } from "./routes/problem-docs-routes";
import { registerReportRoutes } from "./routes/report-routes";

/** What the reporting HTTP service talks to, passed in so tests and the local server wire real adapters. */
export interface ReportingAppDeps {
  reports: ReportReader;
  queues: QueueDepthReader;
  /** Powertools' Logger in every real wiring. */
  logger: FunnelLogger;
  /** Clock for the dashboard's default range (defaults to the system clock). */
  now?: () => Date;
}

/**
 * The reporting service as a Hono app: the JSON reports, their OpenAPI document at `/openapi.json`, and the
 * dashboard at `/`. Errors become RFC 9457 problems in one place. Runs unchanged on Lambda (handlers/http-lambda.ts),
 * in a local Node server (local.ts) and in tests (`app.request()`).
 *
 * @example
 * const app = createReportingApp({ reports, queues, logger });
 * const res = await app.request("/reports/daily-sales?from=2026-11-01&to=2026-11-30");
 */
export function createReportingApp(deps: ReportingAppDeps): Hono {
  const app = new Hono();

  registerReportRoutes(app, deps);
  registerDashboardRoutes(app, { now: deps.now ?? (() => new Date()) });
  registerProblemDocsRoutes(app);
  registerReportingOpenApiRoute(app);

  answerWithProblems(app, {
    logger: () => deps.logger,
    notFound: (path) => new NotFoundError(path),
    unexpectedDetail: "The report could not be produced.",
    headers: () => ({ "Cache-Control": "no-store" }),
  });

  return app;
}
