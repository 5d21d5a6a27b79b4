/*
 * What an HTTP Lambda needs at run time to serve its OpenAPI document: the loader that defers the
 * document (and anything else big: the API's database code, too) to its first request. Nothing here imports the generator; that is
 * `@orders/openapi/build`, for build scripts and tests only.
 */
export { loadOnce } from "./load-once";
export type { OpenApiDocument } from "./openapi-document";
