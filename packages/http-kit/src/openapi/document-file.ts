import { writeFile } from "node:fs/promises";
import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { OpenApiDocument } from "./openapi-document";

/** The document's `openapi` version and `info`, as `getOpenAPI31Document` takes them. */
export type DocumentInfo = Parameters<OpenAPIHono["getOpenAPI31Document"]>[0];

/**
 * The `openapi` version and `info` every service's document starts with: OpenAPI 3.1, version 1.0.0.
 *
 * @example
 * const info = serviceDocumentInfo("Orders API", "Place orders and read them back.");
 */
export function serviceDocumentInfo(title: string, description: string): DocumentInfo {
  return { openapi: "3.1.0", info: { title, version: "1.0.0", description } };
}

/**
 * A service's OpenAPI 3.1 document from its route descriptions (`createRoute`). Only the generator's
 * registry is used: the routes that serve these paths are plain Hono routes in the service.
 *
 * @example
 * const document = buildDocument({ openapi: "3.1.0", info: { title: "Orders API", version: "1.0.0" } }, [
 *   createRoute({ method: "get", path: "/health", responses: { 200: { description: "Alive" } } }),
 * ]);
 */
export function buildDocument(info: DocumentInfo, routes: readonly RouteConfig[]): OpenApiDocument {
  const app = new OpenAPIHono();
  for (const route of routes) app.openAPIRegistry.registerPath(route);
  return app.getOpenAPI31Document(info);
}

/**
 * Writes the document file a service serves (its `npm run openapi` script, which then lets Biome format
 * it as it formats every JSON file of the repository). Whitespace aside, the file keeps the generator's
 * key order, so the served document (`JSON.stringify` of the parsed file) is byte for byte the generated
 * one: the services' tests compare exactly that.
 *
 * @example
 * await writeDocument(new URL("./openapi.json", import.meta.url), buildOpenApiDocument());
 */
export async function writeDocument(file: URL, document: OpenApiDocument): Promise<void> {
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}
