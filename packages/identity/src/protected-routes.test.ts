import { describe, expect, it } from "vitest";
import { isPersonalRequest, isProtectedPath, protectedRouteKeys } from "./protected-routes";

describe("protected routes", () => {
  it.each([
    ["api", "/orders", true],
    ["api", "/orders/0b6c5e1e-8a1f-4a7e-9d55-000000000000", true],
    ["api", "/orders/a/b", true],
    ["api", "/ordersx", false],
    ["api", "/products", false],
    ["api", "/health", false],
    ["api", "/openapi.json", false],
    ["api", "/docs", false],
    ["reporting", "/reports/daily-sales", true],
    ["reporting", "/reports", true],
    ["reporting", "/", false],
    ["reporting", "/me", true],
    ["reporting", "/assets/dashboard.js", false],
  ] as const)("%s %s → protected %s", (service, path, expected) => {
    expect(isProtectedPath(service, path)).toBe(expected);
  });

  it("names the route keys API Gateway's authorizer goes on", () => {
    expect(protectedRouteKeys("api")).toEqual(["ANY /orders", "ANY /orders/{proxy+}"]);
    expect(protectedRouteKeys("reporting")).toEqual([
      "ANY /reports",
      "ANY /reports/{proxy+}",
      "ANY /me",
      "ANY /me/{proxy+}",
    ]);
  });
});

describe("isPersonalRequest", () => {
  it("is any request with a token, and any request for a protected path", () => {
    expect(isPersonalRequest("api", { path: "/products", authorization: undefined })).toBe(false);
    expect(isPersonalRequest("api", { path: "/products", authorization: "Bearer x" })).toBe(true);
    expect(isPersonalRequest("api", { path: "/orders/1", authorization: undefined })).toBe(true);
    expect(isPersonalRequest("reporting", { path: "/me", authorization: undefined })).toBe(true);
    expect(isPersonalRequest("reporting", { path: "/docs", authorization: undefined })).toBe(false);
  });
});
