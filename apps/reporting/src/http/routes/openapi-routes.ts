import { loadOnce, type OpenApiDocument } from "@orders/openapi";
import type { Hono } from "hono";

/**
 * `GET /openapi.json`. The document is generated from the schemas that validate at build time
 * (`npm run openapi -w @orders/reporting`; a test fails when it is out of date) and loaded on the first
 * request for it: cold starts carry neither it nor the generator (classic zod, ~450 KiB).
 */
export function registerOpenApiRoute(app: Hono): void {
  const document = loadOnce(() =>
    import("../openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
  );
  app.get("/openapi.json", async (c) => c.json(await document()));
}
