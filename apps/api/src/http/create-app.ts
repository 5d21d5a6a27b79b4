import type { Logger } from "@aws-lambda-powertools/logger";
import { type ProblemError, problemResponse, toProblem } from "@orders/http-problem";
import { Hono } from "hono";
import type { OrderQueue, OrderReader, ProductReader } from "../domain/ports";
import type { ApiEnv } from "./app-env";
import { NotFoundError, toProblemError } from "./errors";
import { answerWrongMethodsWith405 } from "./method-not-allowed";
import { requestContext } from "./request-context";
import { requestLogger } from "./request-logger";
import { registerDocsRoutes } from "./routes/docs";
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

  app.use(requestContext(deps.logger));
  registerHealthRoute(app);
  registerOrderRoutes(app, { queue: deps.queue, orders: deps.orders, now: deps.now ?? (() => new Date()) });
  registerProductRoutes(app, { products: deps.products });
  registerDocsRoutes(app);
  answerWrongMethodsWith405(app);

  app.notFound((c) =>
    respond(new NotFoundError(`Nothing at ${c.req.path}.`), c.req.path, c.var.correlationId),
  );

  // The one place where errors become HTTP responses.
  app.onError((error, c) => {
    const expected = toProblemError(error);
    const logger = c.var.logger ?? requestLogger(deps.logger, "none");
    if (!expected) logger.error("unexpected error", error);
    else if (expected.kind.status >= 500) logger.warn(expected.detail, { cause: expected.cause });
    return respond(expected, c.req.path, c.var.correlationId);
  });

  return app;
}

/**
 * The problem response for an error (the generic 500 when undefined), carrying the request's id: "none"
 * when the failure came before the request context set one.
 */
function respond(error: ProblemError | undefined, instance: string, correlationId = "none"): Response {
  const problem = toProblem(error, { instance, extensions: { requestId: correlationId } });
  return problemResponse(problem, { ...error?.headers, "X-Request-Id": correlationId });
}
