import { ProblemError, problemResponse, toProblem } from "@orders/http-problem";
import { Hono } from "hono";
import type { QueueDepthReader, ReportReader } from "../ports";
import { NotFoundError } from "./report-errors";
import { registerDashboardRoutes } from "./routes/dashboard-routes";
import { registerOpenApiRoute } from "./routes/openapi-routes";
import { registerProblemDocsRoutes } from "./routes/problem-docs-routes";
import { registerReportRoutes } from "./routes/report-routes";

/** The part of a logger the app uses (Powertools' Logger fits it). */
export interface AppLogger {
  error(message: string, error: Error): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

/** What the reporting HTTP service talks to, passed in so tests and the local server wire real adapters. */
export interface ReportingAppDeps {
  reports: ReportReader;
  queues: QueueDepthReader;
  /** Powertools' Logger in every real wiring. */
  logger: AppLogger;
  /** Clock for the dashboard's default range (defaults to the system clock). */
  now?: () => Date;
}

/**
 * The reporting service as a Hono app: the JSON reports, their OpenAPI document at `/openapi.json`, and the
 * dashboard at `/`. Errors become RFC 9457 problems in one place. Runs unchanged on Lambda (http-lambda.ts),
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
  registerOpenApiRoute(app);

  app.notFound((c) => respond(new NotFoundError(c.req.path), c.req.path));

  app.onError((error, c) => {
    const expected = error instanceof ProblemError ? error : undefined;
    if (!expected)
      deps.logger.error("unexpected error", error instanceof Error ? error : new Error(String(error)));
    else if (expected.kind.status >= 500)
      deps.logger.warn(expected.detail, { cause: String(expected.cause) });
    return respond(expected, c.req.path);
  });

  return app;
}

/** The problem response for an error (the generic 500 for anything unexpected); problems are never cached. */
function respond(error: unknown, instance: string): Response {
  const problem = toProblem(error, {
    instance,
    extensions: {},
    unexpectedDetail: "The report could not be produced.",
  });
  const headers = error instanceof ProblemError ? error.headers : undefined;
  return problemResponse(problem, { ...headers, "Cache-Control": "no-store" });
}
