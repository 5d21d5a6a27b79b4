import type { Hono } from "hono";
import type { ApiEnv } from "./app-env";
import { MethodNotAllowedError } from "./errors";

/**
 * Hono answers a known path with an unknown method as "not found"; HTTP says 405 with an Allow header.
 * Call after every route is registered: for each routed path it adds a catch-all that runs only when no
 * route of the request's method answered. The allowed methods come from the routes themselves, so the
 * Allow header cannot drift from what is served.
 */
export function answerWrongMethodsWith405(app: Hono<ApiEnv>): void {
  const allowed = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue; // middleware, not a route
    const methods = allowed.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    // Hono serves HEAD from every GET route.
    if (route.method === "GET") methods.add("HEAD");
    allowed.set(route.path, methods);
  }
  for (const [path, methods] of allowed) {
    const allow = [...methods].sort();
    app.all(path, (c) => {
      throw new MethodNotAllowedError(c.req.method, c.req.path, allow);
    });
  }
}
