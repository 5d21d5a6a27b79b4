import { writeDocument } from "@orders/http-kit/openapi";
import { buildOpenApiDocument } from "./document";

/** Regenerates openapi.json from the schemas (`npm run openapi -w @orders/api`). */
await writeDocument(new URL("./openapi.json", import.meta.url), buildOpenApiDocument());
