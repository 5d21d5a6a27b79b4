import { PROBLEM_CONTENT_TYPE } from "@orders/http-kit";
import { silentLogger } from "@orders/http-kit/testing";
import { signedInAs } from "@orders/identity/testing";
import { describe, expect, it } from "vitest";
import { checkedApp } from "../testing/reporting-contract";

// No request here reaches a reader: a wrong method is refused before any route runs.
const unused = () => Promise.reject(new Error("not read on a wrong method"));
const app = () =>
  checkedApp({
    reports: { dailySales: unused, topProducts: unused },
    queues: { read: unused },
    logger: silentLogger(),
  });
const staff = signedInAs("s-1", { staff: true });

describe("a method a path does not serve", () => {
  it("is answered 405 problem+json with Allow, the request id and no-store", async () => {
    const res = await app().request(
      "/me",
      { method: "DELETE", headers: { "X-Request-Id": "wrong-1" } },
      staff,
    );
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(res.headers.get("x-request-id")).toBe("wrong-1");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({
      type: "/docs#problem-method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: "DELETE is not allowed on /me.",
      instance: "/me",
      requestId: "wrong-1",
    });
  });

  it("is refused on every route of the service: reports, the dashboard, the document", async () => {
    for (const [method, path] of [
      ["POST", "/reports/daily-sales?from=2026-11-01&to=2026-11-02"],
      ["PUT", "/reports/queue"],
      ["POST", "/"],
      ["DELETE", "/assets/dashboard.js"],
      ["POST", "/openapi.json"],
      ["PATCH", "/docs"],
    ] as const) {
      const res = await app().request(path, { method }, staff);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe("GET, HEAD");
    }
  });

  it("on a report, is refused as unauthenticated first when no token came", async () => {
    const res = await app().request("/reports/queue", { method: "DELETE" });
    expect(res.status).toBe(401);
    expect(res.headers.get("allow")).toBeNull();
  });

  it("on a public page, without a token, is a problem no cache keeps either", async () => {
    const res = await app().request("/", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("on a path nothing serves, stays a 404 without Allow", async () => {
    const res = await app().request("/nothing", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(res.headers.get("allow")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ type: "/docs#problem-not-found" });
  });
});
