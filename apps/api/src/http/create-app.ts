import type { Logger } from "@aws-lambda-powertools/logger";
import type { OpenApiDocument } from "@orders/http-kit";
import { createServiceApp, type ServiceEnv } from "@orders/http-kit";
import { isPersonalRequest } from "@orders/identity";
import type { Hono } from "hono";
import type { OrderQueue, OrderReader, ProductReader } from "../domain/ports";
import { NotFoundError, toProblemError } from "./errors";
import { problemKinds } from "./problem-kinds";
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
 * The HTTP API as a Hono app: the API's routes wired to ports on the kit's service app (request context,
 * secure headers, docs, 405s and the one error funnel). No I/O happens here; the same app runs on Lambda
 * (lambda.ts), in a local Node server (local.ts) and in tests (`app.request()`).
 *
 * @example
 * const app = createApp({ queue, orders, products, logger });
 * const res = await app.request("/health");
 */
export function createApp(deps: ApiDeps): Hono<ServiceEnv> {
  return createServiceApp({
    logger: deps.logger,
    routes: (app) => {
      registerHealthRoute(app);
      registerOrderRoutes(app, {
        queue: deps.queue,
        orders: deps.orders,
        now: deps.now ?? (() => new Date()),
      });
      registerProductRoutes(app, { products: deps.products });
    },
    // An order is personal data: nothing answered to a caller (nor to a request for /orders) is cached.
    isPrivate: (c) =>
      isPersonalRequest("api", { path: c.req.path, authorization: c.req.header("authorization") }),
    // The document is generated from the schemas that validate at build time (`npm run openapi -w
    // @orders/api`; a test fails when it is out of date).
    openApiDocument: () =>
      import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
    problemKinds,
    notFound: (path) => new NotFoundError(`Nothing at ${path}.`),
    toProblemError,
  });
}
