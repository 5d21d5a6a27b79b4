import { writeFile } from "node:fs/promises";
import { buildOpenApiDocument } from "./document";

/** Regenerates openapi.json from the schemas (`npm run openapi -w @orders/api`). */
const file = new URL("./openapi.json", import.meta.url);
await writeFile(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
