import { handle } from "hono/aws-lambda";
import { apiConfigFromEnv } from "../adapters/config";
import { createRuntime } from "../adapters/runtime";
import { createApp } from "../http/create-app";

// Module scope: built once per container, reused by every invocation it serves.
const runtime = createRuntime(apiConfigFromEnv());

/** The API's Lambda handler (API Gateway HTTP API, payload v2). */
export const handler = handle(createApp(runtime.deps));
