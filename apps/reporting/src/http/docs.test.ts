import { problemTypeUri, toProblem } from "@orders/http-problem";
import { silentLogger } from "@orders/http-problem/testing";
import { describe, expect, it } from "vitest";
import { createReportingApp } from "./create-app";
import { DatabaseUnavailableError, NotFoundError, QueueUnavailableError } from "./report-errors";

const unused = () => Promise.reject(new Error("not read by /docs"));

describe("GET /docs", () => {
  it("renders the OpenAPI document with the anchor every problem type URI of the service points at", async () => {
    const app = createReportingApp({
      reports: { dailySales: unused, topProducts: unused },
      queues: { read: unused },
      logger: silentLogger(),
    });
    const res = await app.request("/docs", { headers: { "X-Request-Id": "docs-check-1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-request-id")).toBe("docs-check-1");
    const page = await res.text();
    expect(page).toContain("/reports/daily-sales");
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
