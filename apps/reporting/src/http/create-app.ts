import type { Logger } from "@aws-lambda-powertools/logger";
import type { OpenApiDocument } from "@orders/http-kit";
import { createServiceApp, type ServiceEnv } from "@orders/http-kit";
import { defaultStaffConvention, isPersonalRequest, type StaffConvention } from "@orders/identity";
import type { Hono } from "hono";
import type { QueueDepthReader, ReportReader } from "../domain/ports";
import type { SignInSettings } from "./dashboard/page-contract";
import { NotFoundError, toProblemError } from "./errors";
import { problemKinds } from "./problem-kinds";
import { type DashboardAssets, registerDashboardRoutes } from "./routes/dashboard";
import { registerReportRoutes } from "./routes/reports";

/** What the reporting HTTP service talks to, passed in so tests and the local server wire real adapters. */
export interface ReportingDeps {
  reports: ReportReader;
  queues: QueueDepthReader;
  logger: Logger;
  /** Clock for the dashboard's default range (defaults to the system clock). */
  now?: () => Date;
  /** Where the dashboard signs in; without it the page says sign-in is not configured. */
  signIn?: SignInSettings;
  /** Which claim lists the caller's groups (the stage's setting; `cognito:groups` by default). */
  staff?: StaffConvention;
  /** The dashboard's scripts (the runtime passes the ones it found at start-up; this layer reads no file). */
  assets: DashboardAssets;
}

/**
 * The reporting service as a Hono app: the JSON reports, their OpenAPI document at `/openapi.json` and
 * `/docs`, and the dashboard at `/`, on the kit's service app (request context, secure headers, 405s and the
 * one error funnel). Runs unchanged on Lambda (handlers/http-lambda.ts), in a local Node server (local.ts)
 * and in tests (`app.request()`).
 *
 * @example
 * const app = createApp({ reports, queues, logger, assets });
 * const res = await app.request("/reports/daily-sales?from=2026-11-01&to=2026-11-30");
 */
export function createApp(deps: ReportingDeps): Hono<ServiceEnv> {
  const staff = deps.staff ?? defaultStaffConvention;
  return createServiceApp({
    logger: deps.logger,
    routes: (app) => {
      registerReportRoutes(app, { ...deps, staff });
      registerDashboardRoutes(app, {
        now: deps.now ?? (() => new Date()),
        signIn: deps.signIn,
        staff,
        assets: deps.assets,
      });
    },
    // Reports and who is signed in are the caller's: nothing answered to a token is cached.
    isPrivate: (c) =>
      isPersonalRequest("reporting", { path: c.req.path, authorization: c.req.header("authorization") }),
    // The document is generated from the schemas that validate at build time (`npm run openapi -w
    // @orders/reporting`; a test fails when it is out of date).
    openApiDocument: () =>
      import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
    problemKinds,
    notFound: (path) => new NotFoundError(`Nothing at ${path}.`),
    toProblemError,
    unexpectedDetail: "The report could not be produced.",
    problemHeaders: { "Cache-Control": "no-store" },
  });
}
