import type { Logger } from "@aws-lambda-powertools/logger";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "./app-env";
import { NotFoundError, ValidationError } from "./errors";
import { fieldErrorsFrom, locationOf } from "./field-errors";
import { answerWrongMethodsWith405 } from "./method-not-allowed";
import type { OrderQueue, OrderReader, ProductReader } from "./ports";
import { problemResponse, toApiError, toProblem } from "./problem";
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
export function createApp(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ValidationError(fieldErrorsFrom(result.error, locationOf(result.target)));
    },
  });

  app.use(requestContext(deps.logger));
  registerHealthRoute(app);
  registerOrderRoutes(app, { queue: deps.queue, orders: deps.orders, now: deps.now ?? (() => new Date()) });
  registerProductRoutes(app, { products: deps.products });
  registerDocsRoutes(app);
  answerWrongMethodsWith405(app);

  app.notFound((c) =>
    problemResponse(
      toProblem(new NotFoundError(`Nothing at ${c.req.path}.`), c.req.path, c.var.correlationId ?? "none"),
    ),
  );

  // The one place where errors become HTTP responses.
  app.onError((error, c) => {
    const apiError = toApiError(error);
    const logger = c.var.logger ?? requestLogger(deps.logger, "none");
    if (!apiError) logger.error("unexpected error", error);
    else if (apiError.type.status >= 500) logger.warn(apiError.detail, { cause: apiError.cause });
    return problemResponse(toProblem(apiError, c.req.path, c.var.correlationId ?? "none"), apiError?.headers);
  });

  return app;
}
