import type { Env, Hono } from "hono";
import { loadOnce } from "./load-once";

/**
 * `GET /openapi.json`. A service's document is generated from the schemas that validate at build time and
 * imported on the first request for it: cold starts carry neither it nor the generator (classic zod,
 * ~450 KiB). Returns the loader, for routes that render the same document (a `/docs` page).
 *
 * @example
 * const openApiDocument = registerOpenApiRoute(app, () =>
 *   import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default),
 * );
 */
export function registerOpenApiRoute<E extends Env, D extends object>(
  app: Hono<E>,
  load: () => Promise<D>,
): () => Promise<D> {
  const document = loadOnce(load);
  app.get("/openapi.json", async (c) => c.json(await document()));
  return document;
}

/**
 * The Content-Security-Policy of a service's `/docs` page: scripts, styles and images from the service
 * only, no inline script, and requests ("Try it out") to the service only, so the page works offline, runs
 * no code but the service's own files and cannot send a pasted token anywhere else. Inline styles stay
 * allowed for Swagger UI's rendering.
 */
export const DOCS_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
