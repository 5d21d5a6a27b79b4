import type { Logger } from "@aws-lambda-powertools/logger";
import {
  answerWithProblems,
  noStoreWhen,
  registerDocsRoutes,
  requestContext,
  requestLogger,
  securityHeaders,
} from "@orders/http-problem";
import { isPersonalRequest } from "@orders/identity";
import type { OpenApiDocument } from "@orders/openapi";
import { Hono } from "hono";
import type { OrderQueue, OrderReader, ProductReader } from "../domain/ports";
import type { ApiEnv } from "./app-env";
import { NotFoundError, toProblemError } from "./errors";
import { answerWrongMethodsWith405 } from "./method-not-allowed";
import { problemTypes } from "./problem-types";
import { registerHealthRoute } from "./routes/health";
import { registerOrderRoutes } from "./routes/orders";
import { registerProductRoutes } from "./routes/products";

/** Everything the API talks to, passed in so tests and the local stack can wire real or other adapters. */
export interface ApiDeps {
  queue: OrderQueue;
  orders: OrderReader;
  products: ProductReader;
  logger: Logger;
  /** Clock for `acceptedAt` (defaults to the system clock). */
  now?: () => Date;
}

/**
 * The HTTP API as a Hono app: routes wired to ports, one error mapping. No I/O happens here; the same app
 * runs on Lambda (lambda.ts), in a local Node server (local.ts) and in tests (`app.request()`).
 *
 * @example
 * const app = createApp({ queue, orders, products, logger });
 * const res = await app.request("/health");
 */
export function createApp(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use(requestContext(deps.logger), securityHeaders());
  // An order is personal data: nothing answered to a caller (nor to a request for /orders) is cached.
  app.use(
    noStoreWhen((c) =>
      isPersonalRequest("api", { path: c.req.path, authorization: c.req.header("authorization") }),
    ),
  );
  registerHealthRoute(app);
  registerOrderRoutes(app, { queue: deps.queue, orders: deps.orders, now: deps.now ?? (() => new Date()) });
  registerProductRoutes(app, { products: deps.products });
  // The document is generated from the schemas that validate at build time (`npm run openapi -w
  // @orders/api`; a test fails when it is out of date).
  registerDocsRoutes(
    app,
    () =>
      import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
    Object.values(problemTypes),
  );
  answerWrongMethodsWith405(app);

  // The one place where errors become HTTP responses. Every problem names the request it answers: "none"
  // when the failure came before the request context set an id.
  answerWithProblems(app, {
    logger: (c) => c.var.logger ?? requestLogger(deps.logger, "none"),
    notFound: (path) => new NotFoundError(`Nothing at ${path}.`),
    toProblemError,
    extensions: (c) => ({ requestId: c.var.correlationId ?? "none" }),
    headers: (c) => ({ "X-Request-Id": c.var.correlationId ?? "none" }),
  });

  return app;
}
