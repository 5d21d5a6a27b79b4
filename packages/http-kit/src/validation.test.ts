import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { problemResponse, toProblem } from "./problem";
import { jsonBody, validate } from "./validation";

const app = new Hono()
  .get("/items/:id", validate("param", z.object({ id: z.uuid("not a UUID") })), (c) =>
    c.json(c.req.valid("param")),
  )
  .get(
    "/search",
    validate(
      "query",
      z.object({ q: z.string("required"), limit: z._default(z.coerce.number("a number"), 10) }),
    ),
    (c) => c.json(c.req.valid("query")),
  )
  .get("/pages", validate("query", z.object({ size: z.coerce.number().check(z.minimum(1)) })), (c) =>
    c.json(c.req.valid("query")),
  )
  .post(
    "/items",
    validate("header", z.object({ "Idempotency-Key": z.optional(z.string()) })),
    ...jsonBody(z.object({ name: z.string().check(z.minLength(1, "must not be empty")) })),
    (c) => c.json({ body: c.req.valid("json"), key: c.req.valid("header")["Idempotency-Key"] }),
  )
  .onError((error) =>
    // Hono's own refusals (415, malformed JSON) are mapped by each service; here they pass through as is.
    error instanceof HTTPException
      ? error.getResponse()
      : problemResponse(toProblem(error, { instance: "/", extensions: {} })),
  );

async function call(path: string, init?: RequestInit) {
  const response = await app.request(path, init);
  const type = response.headers.get("content-type");
  const body = type?.includes("json") ? await response.json() : await response.text();
  return { status: response.status, type, body: body as { errors?: unknown } & Record<string, unknown> };
}

describe("validate", () => {
  it("hands the parsed value to the route, defaults applied", async () => {
    expect(await call("/search?q=keyboard")).toMatchObject({
      status: 200,
      body: { q: "keyboard", limit: 10 },
    });
    expect((await call("/search?q=a&limit=3")).body).toEqual({ q: "a", limit: 3 });
  });

  it("answers 400 problem+json naming each failing field and where it is", async () => {
    const query = await call("/search?limit=x");
    expect(query).toMatchObject({ status: 400, type: "application/problem+json" });
    expect(query.body.errors).toEqual([
      { in: "query", pointer: "/q", path: ["q"], message: "required" },
      { in: "query", pointer: "/limit", path: ["limit"], message: "a number" },
    ]);
    const param = await call("/items/42");
    expect(param.body.errors).toEqual([{ in: "path", pointer: "/id", path: ["id"], message: "not a UUID" }]);
  });

  it("words zod's own issues in English without the service registering a locale (mini has none)", async () => {
    expect((await call("/pages?size=0")).body.errors).toEqual([
      { in: "query", pointer: "/size", path: ["size"], message: "Too small: expected number to be >=1" },
    ]);
    expect((await call("/pages")).body.errors).toEqual([
      {
        in: "query",
        pointer: "/size",
        path: ["size"],
        message: "Invalid input: expected number, received NaN",
      },
    ]);
  });

  it("matches header names case-insensitively against the schema's keys", async () => {
    const { body } = await call("/items", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "k-1" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(body).toEqual({ body: { name: "x" }, key: "k-1" });
  });
});

describe("jsonBody", () => {
  const post = (body: string, contentType?: string) =>
    call("/items", { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });

  it("refuses a body that is not JSON with 415, and malformed JSON with 400, before the schema", async () => {
    expect((await post("name=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post('{"name":"x"}')).status).toBe(415);
    expect((await post('{"name":"x"}', "application/merge-patch+json")).status).toBe(415);
    expect((await post("{", "application/json")).status).toBe(400);
  });

  it("accepts application/json with parameters, and names failing body fields", async () => {
    expect((await post('{"name":"x"}', "application/json; charset=utf-8")).status).toBe(200);
    const invalid = await post('{"name":""}', "application/json");
    expect(invalid).toMatchObject({ status: 400, type: "application/problem+json" });
    expect(invalid.body.errors).toEqual([
      { in: "body", pointer: "/name", path: ["name"], message: "must not be empty" },
    ]);
  });
});
