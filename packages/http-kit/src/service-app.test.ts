import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "./openapi/openapi-document";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { ProblemError } from "./problem-error";
import { internalErrorKind, methodNotAllowedKind, notFoundKind, validationErrorKind } from "./problem-kind";
import { createServiceApp, type ServiceAppOptions } from "./service-app";
import { captureLogs, silentLogger } from "./testing";

const document = {
  openapi: "3.1.0",
  info: { title: "Things API", version: "1.0.0" },
  paths: {},
} as OpenApiDocument;

const problemKinds = {
  validation: { ...validationErrorKind, advice: "Fix the fields." },
  notFound: { ...notFoundKind, advice: "Check the path." },
  methodNotAllowed: { ...methodNotAllowedKind, advice: "Use a method in Allow." },
  internal: { ...internalErrorKind, advice: "Retry later." },
};

function thingsApp(overrides: Partial<ServiceAppOptions> = {}) {
  return createServiceApp({
    logger: silentLogger(),
    routes: (app) => {
      app.get("/things", (c) => c.json([{ id: 1 }]));
      app.post("/things", (c) => c.json({ id: 2 }, 201));
      app.get("/mine", (c) => c.json({ secret: true }));
      app.get("/bug", () => {
        throw new Error("SELECT password FROM users");
      });
    },
    isPrivate: (c) => c.req.path === "/mine",
    openApiDocument: async () => document,
    problemKinds,
    notFound: (path) => new ProblemError(notFoundKind, `No thing at ${path}.`),
    ...overrides,
  });
}

describe("createServiceApp", () => {
  it("serves the service's routes with the request id echoed and Hono's secure headers", async () => {
    const res = await thingsApp().request("/things", { headers: { "X-Request-Id": "req-1" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: 1 }]);
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBeNull();
    expect((await thingsApp().request("/mine")).headers.get("cache-control")).toBe("no-store");
  });

  it("answers a wrong method with a 405 problem carrying Allow, the request id and the service's headers", async () => {
    const app = thingsApp({ problemHeaders: { "Cache-Control": "no-store" } });
    const res = await app.request("/things", { method: "DELETE", headers: { "X-Request-Id": "req-2" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(res.headers.get("x-request-id")).toBe("req-2");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({
      type: "/docs#problem-method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: "DELETE is not allowed on /things.",
      instance: "/things",
      requestId: "req-2",
    });
    // The kit's own routes are held to it too.
    const docs = await app.request("/openapi.json", { method: "POST" });
    expect(docs.status).toBe(405);
    expect(docs.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers an unknown path with the service's 404 problem", async () => {
    const res = await thingsApp().request("/nothing", { headers: { "X-Request-Id": "req-3" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("allow")).toBeNull();
    expect(await res.json()).toMatchObject({ detail: "No thing at /nothing.", requestId: "req-3" });
  });

  it("answers a bug with the generic 500, logged with the request's id and never shown", async () => {
    const logs = captureLogs();
    try {
      const app = thingsApp({ logger: logs.logger, unexpectedDetail: "The thing could not be done." });
      const res = await app.request("/bug", { headers: { "X-Request-Id": "req-4" } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain("password");
      expect(JSON.parse(text)).toMatchObject({ detail: "The thing could not be done.", requestId: "req-4" });
      const error = logs.lines().find((line) => line.level === "ERROR");
      expect(error).toMatchObject({
        correlation_id: "req-4",
        error: { message: "SELECT password FROM users" },
      });
    } finally {
      logs.restore();
    }
  });

  it("serves the document and a /docs page with an anchor per problem kind", async () => {
    const app = thingsApp();
    expect(await (await app.request("/openapi.json")).json()).toEqual(document);
    const page = await (await app.request("/docs")).text();
    for (const kind of Object.values(problemKinds)) expect(page).toContain(`id="problem-${kind.slug}"`);
  });
});
