import type { Hono } from "hono";
import type { ApiEnv } from "../app-env";

/** `GET /health`: touches neither queue nor database, so a load balancer probe never costs a connection. */
export function registerHealthRoute(app: Hono<ApiEnv>): void {
  app.get("/health", (c) => c.json({ status: "ok" as const }, 200));
}
