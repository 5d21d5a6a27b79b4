import { handle } from "hono/aws-lambda";
import { apiConfigFromEnv } from "../adapters/config";
import { flushMetrics } from "../adapters/metrics";
import { createRuntime } from "../adapters/runtime";
import { createApp } from "../http/create-app";

// Module scope: built once per container, reused by every invocation it serves.
const runtime = createRuntime(apiConfigFromEnv());
const app = handle(createApp(runtime.deps));

/** The API's Lambda handler (API Gateway HTTP API, payload v2); prints the invocation's metrics at its end. */
export const handler = async (...args: Parameters<typeof app>): Promise<Awaited<ReturnType<typeof app>>> => {
  try {
    return await app(...args);
  } finally {
    flushMetrics(runtime.metrics);
  }
};
