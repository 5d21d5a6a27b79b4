import type { ServiceEnv } from "@orders/http-problem";

/** Hono environment of the API: the kit's per-request variables (correlation id, request logger). */
export type ApiEnv = ServiceEnv;
