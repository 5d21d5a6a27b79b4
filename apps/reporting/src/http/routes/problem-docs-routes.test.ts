import { problemTypeUri, toProblem } from "@orders/http-problem";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, NotFoundError, QueueUnavailableError } from "../report-errors";
import { registerProblemDocsRoutes } from "./problem-docs-routes";

describe("GET /docs", () => {
  it("has the anchor every problem type URI of the service points at", async () => {
    const app = new Hono();
    registerProblemDocsRoutes(app);
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    const errors = [
      new NotFoundError("/x"),
      new QueueUnavailableError(null),
      new DatabaseUnavailableError(null),
    ];
    const types = [...errors, new Error("unexpected")].map(
      (e) => toProblem(e, { instance: "/x", extensions: {} }).type,
    );
    types.push(problemTypeUri({ slug: "validation-error", status: 400, title: "" }));
    for (const type of types) {
      expect(type).toMatch(/^\/docs#/);
      expect(page).toContain(`id="${type.split("#")[1]}"`);
    }
    expect(page).not.toMatch(/<script|src=|https?:\/\//);
  });
});
