import { handle } from "hono/aws-lambda";
import { createRuntimeApp } from "../adapters/runtime";

/** API Gateway / Function URL handler for the reports, the OpenAPI document and the dashboard. */
export const handler = handle(createRuntimeApp());
