import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import { buildOpenApiDocument } from "./openapi/document";

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h?.close();
});

async function openApiDocument(): Promise<Record<string, unknown> & { paths: Record<string, object> }> {
  const res = await h.app.request("/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { paths: Record<string, object> };
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("is the document generated from the schemas that validate (else: npm run openapi -w @orders/api)", async () => {
    // Byte for byte, key order included: what a client downloads is what the schemas generate.
    const served = await h.app.request("/openapi.json");
    expect(await served.text()).toBe(JSON.stringify(buildOpenApiDocument()));
  });

  it("lists every route with its methods and documents the problem responses", async () => {
    const doc = await openApiDocument();
    expect(Object.keys(doc.paths).sort()).toEqual(["/health", "/orders", "/orders/{id}", "/products"]);
    const post = (doc.paths["/orders"] as { post: { responses: Record<string, { content: object }> } }).post;
    expect(Object.keys(post.responses).sort()).toEqual([
      "202",
      "400",
      "401",
      "403",
      "413",
      "415",
      "422",
      "500",
      "503",
    ]);
    expect(Object.keys(post.responses["400"]?.content ?? {})).toEqual(["application/problem+json"]);
    expect(Object.keys(doc.paths["/orders/{id}"] ?? {})).toEqual(["get"]);
  });

  it("declares the bearer security scheme on every /orders route and on nothing public", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const operation of Object.values(operations)) {
        if (path.startsWith("/orders")) {
          expect(operation.security).toEqual([{ bearerAuth: [] }]);
          expect(operation.responses["401"]).toBeDefined();
        } else expect(operation.security).toBeUndefined();
      }
    }
  });

  it("describes the body with the same rules that validate it (from @orders/contracts)", async () => {
    const doc = await openApiDocument();
    const body = JSON.stringify((doc.paths["/orders"] as { post: { requestBody: object } }).post.requestBody);
    expect(body).toContain('"customerId"');
    expect(body).toContain('"maxItems":50');
    expect(body).toContain('"maximum":1000');
    expect(body).toContain('"additionalProperties":false');
  });
});

describe("GET /docs", () => {
  it("serves Swagger UI on the document and every problem type's anchor, all from this service", async () => {
    const res = await h.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self';");
    const page = await res.text();
    for (const slug of ["validation-error", "queue-unavailable", "method-not-allowed"]) {
      expect(page).toContain(`id="problem-${slug}"`);
    }
    expect(page).not.toMatch(/https?:\/\//);
    const assets = [...page.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual([
      "/docs/assets/swagger-ui.css",
      "/docs/assets/swagger-ui-bundle.js",
      "/docs/assets/docs.js",
    ]);
    for (const asset of assets) {
      const served = await h.app.request(asset ?? "");
      expect(served.status, asset).toBe(200);
      expect(served.headers.get("content-type")).toMatch(/^text\/(javascript|css)/);
    }
    expect(await (await h.app.request("/docs/assets/docs.js")).text()).toContain('url: "/openapi.json"');
  });
});
