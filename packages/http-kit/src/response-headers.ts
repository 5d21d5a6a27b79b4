import type { Context, Env, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";

/**
 * Hono's `secure-headers` as every service sends them, on every response the app makes (errors and 404s
 * included): `X-Content-Type-Options: nosniff`, so a browser never runs a JSON body as script or style;
 * `Referrer-Policy: no-referrer`, since no page of ours needs to tell another origin where the reader came
 * from (the dashboard's sign-in passes its address in the authorize request, not by referrer); and Hono's
 * other defaults (`Cross-Origin-Opener-Policy`/`-Resource-Policy: same-origin`, `X-Frame-Options`,
 * `Strict-Transport-Security`, …). Register it before the routes.
 *
 * @example
 * app.use(requestContext(logger), securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({ referrerPolicy: "no-referrer", xContentTypeOptions: "nosniff" });
}

/**
 * `Cache-Control: no-store` on every response to a request `isPrivate` names (one that carries a token, or
 * to a path behind the authorizer), whatever the route set: what is answered to a caller, even a 401 or
 * 404, is theirs and must not stay in a browser's or a proxy's cache. Register it before the routes.
 *
 * @example
 * app.use(noStoreWhen((c) => c.req.header("authorization") !== undefined));
 */
export function noStoreWhen<E extends Env>(isPrivate: (c: Context<E>) => boolean): MiddlewareHandler<E> {
  return createMiddleware<E>(async (c, next) => {
    await next();
    if (isPrivate(c)) c.res.headers.set("Cache-Control", "no-store");
  });
}
