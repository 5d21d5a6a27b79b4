import { handle } from "hono/aws-lambda";
import { createRuntime } from "../composition/runtime";

// Module scope (the Lambda init phase): built once per container, reused by every invocation it serves.
const runtime = createRuntime(process.env);
const app = handle(runtime.app);

/** The API's Lambda handler (API Gateway HTTP API, payload v2); prints the invocation's metrics at its end. */
export const handler = async (...args: Parameters<typeof app>): Promise<Awaited<ReturnType<typeof app>>> => {
  try {
    return await app(...args);
  } finally {
    runtime.flushMetrics();
  }
};
