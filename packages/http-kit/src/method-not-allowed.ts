import type { Env, Hono, MiddlewareHandler } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { MethodNotAllowedError } from "./problem-error";

/**
 * Hono's `method-not-allowed` middleware, answering with a problem: a request whose path a route serves,
 * but not with the request's method, becomes a MethodNotAllowedError, which the service's error funnel
 * turns into a 405 problem+json with an `Allow` header. Hono reads the allowed methods from the app's
 * routes on the first such request (a GET route allows HEAD too), so the header cannot drift from what is
 * served. Register it with `app.use` before the routes; it acts only on what would otherwise be a 404.
 *
 * @example
 * app.use(wrongMethodAsProblem(app));
 * app.get("/orders/:id", readOrder); // PUT /orders/1 → 405, Allow: GET, HEAD
 */
export function wrongMethodAsProblem<E extends Env>(app: Hono<E>): MiddlewareHandler<E> {
  return methodNotAllowed<E>({
    app,
    // Thrown, not returned: the one error funnel answers it, with the service's headers and extensions.
    onMethodNotAllowed: (c, allowed) => {
      throw new MethodNotAllowedError(c.req.method, c.req.path, [...allowed].sort());
    },
  });
}
