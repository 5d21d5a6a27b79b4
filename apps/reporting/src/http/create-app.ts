import type { Logger } from "@aws-lambda-powertools/logger";
import {
  answerWithProblems,
  noStoreWhen,
  registerDocsRoutes,
  requestContext,
  requestLogger,
  type ServiceEnv,
  securityHeaders,
} from "@orders/http-problem";
import { defaultStaffConvention, isPersonalRequest, type StaffConvention } from "@orders/identity";
import type { OpenApiDocument } from "@orders/openapi";
import { Hono } from "hono";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import type { SignInSettings } from "./dashboard/sign-in-settings";
import { NotFoundError, problemKinds } from "./report-errors";
import { registerDashboardRoutes } from "./routes/dashboard-routes";
import { registerReportRoutes } from "./routes/report-routes";

/** What the reporting HTTP service talks to, passed in so tests and the local server wire real adapters. */
export interface ReportingAppDeps {
  reports: ReportReader;
  queues: QueueDepthReader;
  logger: Logger;
  /** Clock for the dashboard's default range (defaults to the system clock). */
  now?: () => Date;
  /** Where the dashboard signs in; without it the page says sign-in is not configured. */
  signIn?: SignInSettings;
  /** Which claim lists the caller's groups (the stage's setting; `cognito:groups` by default). */
  staff?: StaffConvention;
}

/**
 * The reporting service as a Hono app: the JSON reports, their OpenAPI document at `/openapi.json` and
 * `/docs`, and the dashboard at `/`. Errors become RFC 9457 problems in one place. Runs unchanged on Lambda
 * (handlers/http-lambda.ts), in a local Node server (local.ts) and in tests (`app.request()`).
 *
 * @example
 * const app = createReportingApp({ reports, queues, logger });
 * const res = await app.request("/reports/daily-sales?from=2026-11-01&to=2026-11-30");
 */
export function createReportingApp(deps: ReportingAppDeps): Hono<ServiceEnv> {
  const app = new Hono<ServiceEnv>();

  app.use(requestContext(deps.logger), securityHeaders());
  // Reports and who is signed in are the caller's: nothing answered to a token is cached.
  app.use(
    noStoreWhen((c) =>
      isPersonalRequest("reporting", { path: c.req.path, authorization: c.req.header("authorization") }),
    ),
  );
  const staff = deps.staff ?? defaultStaffConvention;
  registerReportRoutes(app, { ...deps, staff });
  registerDashboardRoutes(app, { now: deps.now ?? (() => new Date()), signIn: deps.signIn, staff });
  // The document is generated from the schemas that validate at build time (`npm run openapi -w
  // @orders/reporting`; a test fails when it is out of date).
  registerDocsRoutes(
    app,
    () =>
      import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
    Object.values(problemKinds),
  );

  // Every problem names the request it answers, like the orders API's: "none" when the failure came
  // before the request context set an id.
  answerWithProblems(app, {
    logger: (c) => c.var.logger ?? requestLogger(deps.logger, "none"),
    notFound: (path) => new NotFoundError(path),
    unexpectedDetail: "The report could not be produced.",
    extensions: (c) => ({ requestId: c.var.correlationId ?? "none" }),
    headers: (c) => ({ "Cache-Control": "no-store", "X-Request-Id": c.var.correlationId ?? "none" }),
  });

  return app;
}
