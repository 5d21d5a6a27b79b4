import type { OpenApiDocument } from "@orders/openapi";
import type { Env, Hono } from "hono";
import { DOCS_PAGE_CSP, registerOpenApiRoute } from "./openapi-route";
import type { DocumentedProblemKind } from "./problem-kind";

/**
 * `GET /openapi.json` and `GET /docs`: a service's document, and the same document rendered as one HTML page
 * with the service's problem kinds, each under the anchor its problems' `type` URI names. The page renderer
 * is imported on the first request for it, like the document, so neither weighs on a cold start.
 *
 * @example
 * registerDocsRoutes(
 *   app,
 *   () => import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
 *   Object.values(problemKinds),
 * );
 */
export function registerDocsRoutes<E extends Env>(
  app: Hono<E>,
  load: () => Promise<OpenApiDocument>,
  problemKinds: readonly DocumentedProblemKind[],
): void {
  const getDocument = registerOpenApiRoute(app, load);
  app.get("/docs", async (c) => {
    const [doc, { renderDocsPage }] = await Promise.all([getDocument(), import("./docs-page")]);
    c.header("Content-Security-Policy", DOCS_PAGE_CSP);
    return c.html(renderDocsPage(doc, problemKinds));
  });
}
