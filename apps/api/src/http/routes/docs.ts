import { loadOnce, type OpenApiDocument } from "@orders/openapi";
import type { Hono } from "hono";
import type { ApiEnv } from "../app-env";

/**
 * `GET /openapi.json` and `GET /docs`. The document is generated from the schemas that validate at build
 * time (`npm run openapi -w @orders/api`; a test fails when it is out of date) and loaded on the first
 * request for it: cold starts carry neither it nor the generator (classic zod, ~450 KiB).
 */
export function registerDocsRoutes(app: Hono<ApiEnv>): void {
  const getDocument = loadOnce(() =>
    import("../openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
  );
  app.get("/openapi.json", async (c) => c.json(await getDocument()));
  app.get("/docs", async (c) => {
    const [doc, { renderDocsPage }] = await Promise.all([getDocument(), import("../docs-page")]);
    // No script and nothing external: the page must work offline and cannot be used to run code.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(renderDocsPage(doc));
  });
}
