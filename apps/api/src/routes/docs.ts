import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "../app-env";
import { type OpenApiDocument, renderDocsPage } from "../docs-page";

const documentInfo = {
  openapi: "3.1.0",
  info: {
    title: "Orders API",
    version: "1.0.0",
    description:
      "Place orders (queued, processed asynchronously by a worker), read processed orders and the catalogue. " +
      "Money is always integer cents.",
  },
};

/**
 * `GET /openapi.json` and `GET /docs`. The document is generated from the same zod schemas that validate,
 * once per container (on first request, not at import: cold starts that never ask for docs pay nothing).
 */
export function registerDocsRoutes(app: OpenAPIHono<ApiEnv>): void {
  let document: OpenApiDocument | undefined;
  const getDocument = () => {
    document ??= app.getOpenAPI31Document(documentInfo);
    return document;
  };
  app.get("/openapi.json", (c) => c.json(getDocument()));
  app.get("/docs", (c) => {
    // No script and nothing external: the page must work offline and cannot be used to run code.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(renderDocsPage(getDocument()));
  });
}
