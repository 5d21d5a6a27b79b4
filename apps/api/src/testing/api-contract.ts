import { holdToContract, loadContract, type OpenApiDocument } from "@orders/contract-check";
import type { ServiceEnv } from "@orders/http-kit";
import type { Hono } from "hono";
import { type ApiDeps, createApp } from "../http/create-app";
import document from "../http/openapi/openapi.json" with { type: "json" };

/**
 * The API's published document (the file `/openapi.json` serves, byte for byte) as the judge of every
 * exchange a test has with the API. `/openapi.json` and the `/docs` page are served outside it.
 */
export const apiContract = loadContract(document as unknown as OpenApiDocument, {
  outside: ["/openapi.json", "/docs", "/docs/*"],
});

/**
 * The API app as `createApp` builds it, every response it gives held to the document: a test that gets a
 * response the document does not describe fails, naming the operation and what broke. Tests build the app
 * with this, never with `createApp` itself.
 *
 * @example
 * const app = checkedApp({ queue, orders, products, logger });
 */
export function checkedApp(deps: ApiDeps): Hono<ServiceEnv> {
  return holdToContract(createApp(deps), apiContract);
}
