import { registerOpenApiRoute } from "@orders/http-problem";
import type { OpenApiDocument } from "@orders/openapi";
import type { Hono } from "hono";

/**
 * `GET /openapi.json`. The document is generated from the schemas that validate at build time
 * (`npm run openapi -w @orders/reporting`; a test fails when it is out of date).
 */
export function registerReportingOpenApiRoute(app: Hono): void {
  registerOpenApiRoute(app, () =>
    import("../openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
  );
}
