import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { docsPageFiles } from "./docs-page-files";
import { registerDocsRoutes } from "./docs-routes";
import type { OpenApiDocument } from "./openapi/openapi-document";
import { validationErrorKind } from "./problem-kind";

const document = {
  openapi: "3.1.0",
  info: { title: "Test API", version: "1.0.0" },
  paths: {},
} as OpenApiDocument;

function docsApp() {
  const app = new Hono();
  registerDocsRoutes(app, async () => document, [{ ...validationErrorKind, advice: "Fix the field." }]);
  return app;
}

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

describe("registerDocsRoutes", () => {
  it("serves Swagger UI's files byte for byte from its package, with their media types", async () => {
    const app = docsApp();
    for (const [shipped, type] of [
      [docsPageFiles.swaggerUiScript, "text/javascript; charset=utf-8"],
      [docsPageFiles.swaggerUiStyles, "text/css; charset=utf-8"],
    ] as const) {
      const res = await app.request(`/docs/assets/${shipped.file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(await readFile(join(swaggerUiDir, shipped.file)));
    }
  });

  it("sends them gzipped to a client that accepts gzip, and plain to one that refuses it", async () => {
    const app = docsApp();
    const file = await readFile(join(swaggerUiDir, docsPageFiles.swaggerUiScript.file));
    const path = `/docs/assets/${docsPageFiles.swaggerUiScript.file}`;
    const zipped = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("Accept-Encoding");
    const body = Buffer.from(await zipped.arrayBuffer());
    expect(body.length).toBeLessThan(file.length / 3);
    expect(gunzipSync(body)).toEqual(file);
    const refused = await app.request(path, { headers: { "accept-encoding": "gzip;q=0, identity" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await refused.arrayBuffer())).toEqual(file);
  });

  it("sends /docs with a CSP that allows no inline script and no other origin", async () => {
    const res = await docsApp().request("/docs");
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    const page = await res.text();
    expect(page).toContain(`<h3 id="problem-validation-error">`);
    expect(page).toContain("<title>Test API 1.0.0</title>");
  });
});
