import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { apiConfigFromEnv } from "./config";
import { createRuntime } from "./runtime";

// Module scope: built once per container, reused by every invocation it serves.
const runtime = createRuntime(apiConfigFromEnv());

/** The API's Lambda handler (API Gateway HTTP API, payload v2). */
export const handler = handle(createApp(runtime.deps));
