import { handle } from "hono/aws-lambda";
import { createRuntime } from "../adapters/runtime";
import { createApp } from "../http/create-app";

// Module scope: built once per container, reused by every invocation it serves.
const runtime = createRuntime();

/** API Gateway / Function URL handler for the reports, the OpenAPI document and the dashboard. */
export const handler = handle(createApp(runtime.deps));
