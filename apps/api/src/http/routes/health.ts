import type { ServiceEnv } from "@orders/http-kit";
import type { Hono } from "hono";

/** `GET /health`: touches neither queue nor database, so a load balancer probe never costs a connection. */
export function registerHealthRoute(app: Hono<ServiceEnv>): void {
  app.get("/health", (c) => c.json({ status: "ok" as const }, 200));
}
