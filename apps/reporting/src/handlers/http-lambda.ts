import { handle } from "hono/aws-lambda";
import { createHttpRuntime } from "../composition/http-runtime";

/** Built once per container (the Lambda init phase), reused by every invocation it serves. */
export const runtime = createHttpRuntime(process.env);

/** API Gateway / Function URL handler for the reports, the OpenAPI document and the dashboard. */
export const handler = handle(runtime.app);
