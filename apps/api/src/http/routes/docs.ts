import { DOCS_PAGE_CSP, registerOpenApiRoute } from "@orders/http-problem";
import type { OpenApiDocument } from "@orders/openapi";
import type { Hono } from "hono";
import type { ApiEnv } from "../app-env";

/**
 * `GET /openapi.json` and `GET /docs`, which renders the same document with the problem types. The
 * document is generated from the schemas that validate at build time (`npm run openapi -w @orders/api`; a
 * test fails when it is out of date).
 */
export function registerDocsRoutes(app: Hono<ApiEnv>): void {
  const getDocument = registerOpenApiRoute(app, () =>
    import("../openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
  );
  app.get("/docs", async (c) => {
    const [doc, { renderDocsPage }] = await Promise.all([getDocument(), import("../docs-page")]);
    c.header("Content-Security-Policy", DOCS_PAGE_CSP);
    return c.html(renderDocsPage(doc));
  });
}
