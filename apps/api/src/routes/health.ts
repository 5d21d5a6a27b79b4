import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "../app-env";
import { health } from "../schemas";

const getHealth = createRoute({
  method: "get",
  path: "/health",
  operationId: "health",
  summary: "Liveness",
  description: "Touches neither queue nor database, so a load balancer probe never costs a connection.",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: health } } } },
});

/** `GET /health`. */
export function registerHealthRoute(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getHealth, (c) => c.json({ status: "ok" as const }, 200));
}
