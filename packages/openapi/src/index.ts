/*
 * What an HTTP Lambda needs at run time to serve its OpenAPI document: its type. Nothing here imports the
 * generator; that is `@orders/openapi/build`, for build scripts and tests only. The document is served by
 * `@orders/http-problem`'s `registerOpenApiRoute`, which loads it on its first request.
 */
export type { OpenApiDocument } from "./openapi-document";
