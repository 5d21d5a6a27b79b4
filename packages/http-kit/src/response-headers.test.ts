import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { noStoreWhen, securityHeaders } from "./response-headers";

function app() {
  const app = new Hono();
  app.use(
    securityHeaders(),
    noStoreWhen((c) => c.req.header("authorization") !== undefined),
  );
  app.get("/public", (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ ok: true });
  });
  app.get("/fails", () => {
    throw new Error("boom");
  });
  app.onError((_, c) => c.json({ status: 500 }, 500));
  return app;
}

describe("securityHeaders", () => {
  it.each(["/public", "/fails", "/nothing"])(
    "sends nosniff and no-referrer on %s (success, error, 404)",
    async (path) => {
      const res = await app().request(path);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    },
  );
});

describe("noStoreWhen", () => {
  it("makes every answer to a private request no-store, overriding what the route set", async () => {
    for (const path of ["/public", "/fails", "/nothing"]) {
      const res = await app().request(path, { headers: { authorization: "Bearer x" } });
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("leaves other answers as the route made them", async () => {
    const res = await app().request("/public");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
  });
});
