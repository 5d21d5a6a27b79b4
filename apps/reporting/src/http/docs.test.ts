import { MethodNotAllowedError, problemTypeUri, toProblem } from "@orders/http-kit";
import { silentLogger } from "@orders/http-kit/testing";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, QueueDepthsUnavailableError } from "../domain/errors";
import { checkedApp } from "../testing/reporting-contract";
import { NotFoundError, toProblemError } from "./errors";

const unused = () => Promise.reject(new Error("not read by /docs"));

describe("GET /docs", () => {
  it("serves Swagger UI from this service with the anchor every problem type URI of the service points at", async () => {
    const app = checkedApp({
      reports: { dailySales: unused, topProducts: unused },
      queues: { read: unused },
      logger: silentLogger(),
    });
    const res = await app.request("/docs", { headers: { "X-Request-Id": "docs-check-1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self';");
    expect(res.headers.get("x-request-id")).toBe("docs-check-1");
    const page = await res.text();
    const errors = [
      new NotFoundError("Nothing at /x."),
      new MethodNotAllowedError("PUT", "/x", ["GET"]),
      toProblemError(new QueueDepthsUnavailableError()),
      toProblemError(new DatabaseUnavailableError()),
    ];
    const types = [...errors, new Error("unexpected")].map(
      (e) => toProblem(e, { instance: "/x", extensions: {} }).type,
    );
    types.push(problemTypeUri({ slug: "validation-error", status: 400, title: "" }));
    for (const type of types) {
      expect(type).toMatch(/^\/docs#/);
      expect(page).toContain(`id="${type.split("#")[1]}"`);
    }
    // Scripts only by address, from this service: no inline script, no other origin.
    expect([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="/docs/assets/swagger-ui-bundle.js">',
      '<script src="/docs/assets/docs.js">',
    ]);
    expect(page).not.toMatch(/https?:\/\//);
  });
});
