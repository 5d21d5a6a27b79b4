import { gzipSync } from "node:zlib";
import type { Env, Hono } from "hono";
import { docsAssetPath, docsPageFiles, docsScriptFile, type ShippedFile } from "./docs-page-files";
import { loadOnce } from "./load-once";
import type { OpenApiDocument } from "./openapi/openapi-document";
import { DOCS_PAGE_CSP, registerOpenApiRoute } from "./openapi-route";
import { readPackageFile } from "./package-file";
import type { DocumentedProblemKind } from "./problem-kind";

/**
 * `GET /openapi.json` and `GET /docs`: a service's document, and Swagger UI on it with the service's
 * problem kinds, each under the anchor its problems' `type` URI names. The page's scripts and styles come
 * from this service (`/docs/assets/…`). The renderer, the document and Swagger UI's files are loaded on the
 * first request for them, so none of it weighs on a cold start; Swagger UI is read from its package (or
 * from beside the Lambda bundle), never bundled.
 *
 * @example
 * registerDocsRoutes(
 *   app,
 *   () => import("./openapi/openapi.json", { with: { type: "json" } }).then((m) => m.default as OpenApiDocument),
 *   Object.values(problemKinds),
 * );
 */
export function registerDocsRoutes<E extends Env>(
  app: Hono<E>,
  load: () => Promise<OpenApiDocument>,
  problemKinds: readonly DocumentedProblemKind[],
): void {
  const getDocument = registerOpenApiRoute(app, load);
  app.get("/docs", async (c) => {
    const [doc, { renderDocsPage }] = await Promise.all([getDocument(), import("./docs-page")]);
    c.header("Content-Security-Policy", DOCS_PAGE_CSP);
    return c.html(renderDocsPage(doc.info, problemKinds));
  });
  app.get(docsAssetPath(docsScriptFile), async (c) => {
    const { docsScript } = await import("./docs-script");
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(docsScript);
  });
  serveShipped(app, docsPageFiles.swaggerUiScript, "text/javascript; charset=utf-8");
  serveShipped(app, docsPageFiles.swaggerUiStyles, "text/css; charset=utf-8");
}

/**
 * A package's file at `/docs/assets/<file>`, read and gzipped once per container and kept in memory. Sent
 * gzipped to a client that accepts it (Swagger UI's script: 1.8 MB, 0.5 MB gzipped), since neither API
 * Gateway's HTTP APIs nor Lambda compress a response.
 */
function serveShipped<E extends Env>(app: Hono<E>, shipped: ShippedFile, type: string): void {
  const file = loadOnce(async () => {
    const plain = await readPackageFile(shipped);
    return { plain: new Uint8Array(plain), gzipped: new Uint8Array(gzipSync(plain)) };
  });
  app.get(docsAssetPath(shipped.file), async (c) => {
    const { plain, gzipped } = await file();
    c.header("Content-Type", type);
    c.header("Cache-Control", "public, max-age=86400");
    c.header("Vary", "Accept-Encoding");
    if (!acceptsGzip(c.req.header("accept-encoding"))) return c.body(plain);
    c.header("Content-Encoding", "gzip");
    return c.body(gzipped);
  });
}

/** Whether an `Accept-Encoding` lists gzip without refusing it (`gzip;q=0`). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "").split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}
