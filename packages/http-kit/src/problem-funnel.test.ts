import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { registerOpenApiRoute } from "./openapi-route";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { ProblemError } from "./problem-error";
import { answerWithProblems, type FunnelLogger } from "./problem-funnel";

const notFound = { slug: "not-found", status: 404, title: "Not found" };
const unavailable = { slug: "database-unavailable", status: 503, title: "Database unavailable" };

function appWithFunnel() {
  const logged = {
    errors: [] as Error[],
    warnings: [] as { message: string; extra: Record<string, unknown> }[],
  };
  const logger: FunnelLogger = {
    error: (_message, error) => logged.errors.push(error),
    warn: (message, extra) => logged.warnings.push({ message, extra }),
  };
  const app = new Hono();
  app.get("/bug", () => {
    throw new Error("SELECT secret FROM hosts");
  });
  app.get("/flaky", () => {
    throw new ProblemError(unavailable, "Retry shortly.", {
      cause: new Error("ECONNRESET"),
      headers: { "Retry-After": "2" },
    });
  });
  app.get("/broken", () => {
    throw new Error("permission denied");
  });
  answerWithProblems(app, {
    logger: () => logger,
    notFound: (path) => new ProblemError(notFound, `Nothing at ${path}.`),
    extensions: () => ({ requestId: "r-1" }),
    headers: () => ({ "X-Request-Id": "r-1" }),
  });
  return { app, logged };
}

describe("answerWithProblems", () => {
  it("answers an unknown path with the service's not-found problem, its extensions and headers", async () => {
    const { app } = appWithFunnel();
    const res = await app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get("x-request-id")).toBe("r-1");
    expect(await res.json()).toEqual({
      type: "/docs#problem-not-found",
      title: "Not found",
      status: 404,
      detail: "Nothing at /nowhere.",
      instance: "/nowhere",
      requestId: "r-1",
    });
  });

  it("answers a bug with the generic 500, logs it as an error and never shows its message", async () => {
    const { app, logged } = appWithFunnel();
    const res = await app.request("/bug");
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/secret/);
    expect(logged.errors.map((e) => e.message)).toEqual(["SELECT secret FROM hosts"]);
  });

  it("answers a 503 problem with its own headers, logged as a warning with its cause", async () => {
    const { app, logged } = appWithFunnel();
    const res = await app.request("/flaky");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-request-id")).toBe("r-1");
    expect(logged.errors).toEqual([]);
    expect(logged.warnings).toEqual([
      { message: "Retry shortly.", extra: { cause: expect.objectContaining({ message: "ECONNRESET" }) } },
    ]);
  });

  it("answers any other error as a bug (500), logged as an error", async () => {
    const { app, logged } = appWithFunnel();
    expect((await app.request("/broken")).status).toBe(500);
    expect(logged.errors).toHaveLength(1);
  });
});

describe("registerOpenApiRoute", () => {
  it("serves the document, loading it once for every request and for the returned loader", async () => {
    let loads = 0;
    const app = new Hono();
    const document = registerOpenApiRoute(app, async () => ({ openapi: "3.1.0", n: ++loads }));
    expect(await (await app.request("/openapi.json")).json()).toEqual({ openapi: "3.1.0", n: 1 });
    expect(await (await app.request("/openapi.json")).json()).toEqual({ openapi: "3.1.0", n: 1 });
    expect(await document()).toEqual({ openapi: "3.1.0", n: 1 });
    expect(loads).toBe(1);
  });
});
