import type { Logger } from "@aws-lambda-powertools/logger";
import { type Context, Hono } from "hono";
import { registerDocsRoutes } from "./docs-routes";
import { wrongMethodAsProblem } from "./method-not-allowed";
import type { OpenApiDocument } from "./openapi/openapi-document";
import type { ProblemError } from "./problem-error";
import { answerWithProblems } from "./problem-funnel";
import type { DocumentedProblemKind } from "./problem-kind";
import { requestContext } from "./request-context";
import { requestLogger } from "./request-logger";
import { noStoreWhen, securityHeaders } from "./response-headers";
import type { ServiceEnv } from "./service-env";

/** What a service brings to {@link createServiceApp}: its routes, its problem kinds and its document. */
export interface ServiceAppOptions {
  /** The service's Powertools logger; each request logs through a child stamped with its correlation id. */
  logger: Logger;
  /** Registers the service's own routes. */
  routes(app: Hono<ServiceEnv>): void;
  /** Requests whose every response is `Cache-Control: no-store` (a caller's token, personal paths). */
  isPrivate(c: Context<ServiceEnv>): boolean;
  /**
   * The service's OpenAPI document, served at `/openapi.json` and rendered on `/docs`; imported on the first
   * request for either, so it never weighs on a cold start.
   */
  openApiDocument(): Promise<OpenApiDocument>;
  /** Every problem kind the service answers with, documented on `/docs`. */
  problemKinds: Readonly<Record<string, DocumentedProblemKind>>;
  /** The error a request to an unknown path answers with. */
  notFound(path: string): ProblemError;
  /** Turns what a route threw into a ProblemError, or undefined for a bug (a 500); default: `instanceof`. */
  toProblemError?(error: unknown): ProblemError | undefined;
  /** The `detail` of the generic 500. */
  unexpectedDetail?: string;
  /** Headers every problem response carries besides `X-Request-Id` and the error's own. */
  problemHeaders?: Readonly<Record<string, string>>;
}

/**
 * A service's Hono app with everything every service shares: the request context (correlation id echoed
 * as `X-Request-Id`, a per-request logger, one access-log line), Hono's secure headers, `no-store` on
 * private requests, `/openapi.json` and `/docs`, a 405 problem with `Allow` for a method a path does not
 * serve, and the one error funnel (a 404 problem for an unknown path, a ProblemError's own problem, the
 * generic 500 for anything else). Every problem carries the request's id as `requestId` ("none" when the
 * failure came before the request context set one). The service registers only its routes.
 *
 * @example
 * const app = createServiceApp({
 *   logger,
 *   routes: (app) => app.get("/health", (c) => c.json({ status: "ok" })),
 *   isPrivate: (c) => c.req.header("authorization") !== undefined,
 *   openApiDocument: () => import("./openapi.json", { with: { type: "json" } }).then((m) => m.default),
 *   problemKinds,
 *   notFound: (path) => new NotFoundError(`Nothing at ${path}.`),
 * });
 */
export function createServiceApp(options: ServiceAppOptions): Hono<ServiceEnv> {
  const app = new Hono<ServiceEnv>();

  // Outermost first: the headers these set after `next()` land on every response, problems included.
  app.use(requestContext(options.logger), securityHeaders(), noStoreWhen(options.isPrivate));
  app.use(wrongMethodAsProblem(app));
  options.routes(app);
  registerDocsRoutes(app, options.openApiDocument, Object.values(options.problemKinds));

  const requestId = (c: Context<ServiceEnv>) => c.var.correlationId ?? "none";
  answerWithProblems(app, {
    logger: (c) => c.var.logger ?? requestLogger(options.logger, "none"),
    notFound: options.notFound,
    toProblemError: options.toProblemError,
    unexpectedDetail: options.unexpectedDetail,
    extensions: (c) => ({ requestId: requestId(c) }),
    headers: (c) => ({ ...options.problemHeaders, "X-Request-Id": requestId(c) }),
  });

  return app;
}
