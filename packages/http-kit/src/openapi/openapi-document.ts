import type { OpenAPIHono } from "@hono/zod-openapi";

/** An OpenAPI 3.1 document, as the generator writes it and the services serve it. */
export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
