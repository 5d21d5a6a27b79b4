import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { wrongMethodAsProblem } from "./method-not-allowed";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { ProblemError } from "./problem-error";
import { answerWithProblems } from "./problem-funnel";
import { notFoundKind } from "./problem-kind";

const quiet = { error: () => {}, warn: () => {} };

/** A small app as a service builds it: the middleware before the routes, the funnel after them. */
function app() {
  const app = new Hono();
  app.use(wrongMethodAsProblem(app));
  app.use("/orders/*", async (_c, next) => next()); // middleware only: allows no method
  app.post("/orders", (c) => c.json({ placed: true }, 202));
  app.get("/orders/:id", (c) => c.json({ id: c.req.param("id") }));
  app.get("/orders/:id/items", (c) => c.json([]));
  app.delete("/orders/:id/items", (c) => c.body(null, 204));
  app.get("/missing", () => {
    throw new ProblemError(notFoundKind, "Not there.");
  });
  answerWithProblems(app, {
    logger: () => quiet,
    notFound: (path) => new ProblemError(notFoundKind, `Nothing at ${path}.`),
  });
  return app;
}

describe("wrongMethodAsProblem", () => {
  it("answers a method a path does not serve with a 405 problem naming the ones it does in Allow", async () => {
    const res = await app().request("/orders/o-1", { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await res.json()).toEqual({
      type: "/docs#problem-method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: "PUT is not allowed on /orders/o-1.",
      instance: "/orders/o-1",
    });
  });

  it("lists every method of the path, sorted, and only those of the path the request names", async () => {
    const a = app();
    expect((await a.request("/orders", { method: "GET" })).headers.get("allow")).toBe("POST");
    expect((await a.request("/orders", { method: "HEAD" })).headers.get("allow")).toBe("POST");
    const items = await a.request("/orders/o-1/items", { method: "POST" });
    expect(items.status).toBe(405);
    expect(items.headers.get("allow")).toBe("DELETE, GET, HEAD");
  });

  it("leaves served methods, unknown paths and a route's own 404 alone", async () => {
    const a = app();
    expect((await a.request("/orders/o-1")).status).toBe(200);
    expect((await a.request("/orders/o-1", { method: "HEAD" })).status).toBe(200);
    expect((await a.request("/orders", { method: "POST" })).status).toBe(202);
    const unknown = await a.request("/nothing", { method: "DELETE" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("allow")).toBeNull();
    expect(await unknown.json()).toMatchObject({
      type: "/docs#problem-not-found",
      detail: "Nothing at /nothing.",
    });
    const routed = await a.request("/missing");
    expect(routed.status).toBe(404);
    expect(await routed.json()).toMatchObject({ detail: "Not there." });
  });
});
