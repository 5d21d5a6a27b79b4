import { describe, expect, it } from "vitest";
import { checkedFetch } from "./checked-fetch";
import { ContractViolation, loadContract } from "./contract";
import { checkedLambda } from "./lambda-exchange";
import type { OpenApiDocument } from "./openapi-objects";

const problem = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

const document = {
  openapi: "3.1.0",
  info: { title: "Shop API", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: {
          200: {
            description: "The item",
            headers: { ETag: { required: true, schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
          },
          304: { description: "Not modified" },
          404: { description: "No such item", content: problem },
        },
      },
    },
    "/items": {
      post: {
        operationId: "addItem",
        parameters: [{ name: "dry", in: "query", schema: { type: "boolean" } }],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
        },
        responses: { 201: { description: "Added" }, "4XX": { description: "Refused", content: problem } },
      },
    },
    "/items/search": {
      get: {
        parameters: [
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: {
          200: { description: "Found", content: { "application/json": { schema: { type: "array" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: "object",
        properties: { name: { type: "string" }, priceCents: { type: "integer", minimum: 0 } },
        required: ["name", "priceCents"],
        additionalProperties: false,
      },
      Problem: {
        type: "object",
        properties: { title: { type: "string" }, status: { type: "integer" } },
        required: ["title", "status"],
      },
    },
  },
} satisfies OpenApiDocument;

const contract = loadContract(document, { outside: ["/docs", "/docs/*"] });
const itemId = "6f1c2a4e-8b3d-5e7f-9a0b-1c2d3e4f5a6b";

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function problemOf(status: number, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ title: "No", status, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

async function violations(request: Request, response: Response) {
  return (await contract.check(request, response)).violations;
}

const get = (path: string) => new Request(`http://service.test${path}`);
const post = (path: string, body: string, contentType = "application/json") =>
  new Request(`http://service.test${path}`, {
    method: "POST",
    body,
    headers: { "content-type": contentType },
  });

describe("responses", () => {
  it("passes what the document describes, schemas through component references and formats", async () => {
    const ok = json({ name: "Mug", priceCents: 900 }, 200, { etag: '"1"' });
    expect(await contract.check(get(`/items/${itemId}`), ok)).toEqual({
      operation: "getItem (GET /items/{id})",
      violations: [],
    });
    expect(await violations(get(`/items/${itemId}`), new Response(null, { status: 304 }))).toEqual([]);
    expect(await violations(get(`/items/${itemId}`), problemOf(404))).toEqual([]);
    // A status range (4XX) stands for every status in it.
    expect(await violations(post("/items", "{}"), problemOf(422))).toEqual([]);
  });

  it("names a renamed field, a wrong type and an undocumented status", async () => {
    const renamed = json({ name: "Mug", price: 900 }, 200, { etag: '"1"' });
    expect(await violations(get(`/items/${itemId}`), renamed)).toEqual([
      "body (the value) must have required property 'priceCents'",
      "body (the value) must NOT have additional properties (price)",
    ]);
    const wrongType = json({ name: "Mug", priceCents: "9.00" }, 200, { etag: '"1"' });
    expect(await violations(get(`/items/${itemId}`), wrongType)).toEqual([
      "body /priceCents must be integer",
    ]);
    expect(await violations(get(`/items/${itemId}`), problemOf(500))).toEqual([
      "the status 500 is not one the document lists (200, 304, 404)",
    ]);
  });

  it("holds the content type, the presence of a body and the required headers to the document", async () => {
    const asJson = json({ title: "No", status: 404 }, 404);
    expect(await violations(get(`/items/${itemId}`), asJson)).toEqual([
      "the content type application/json is not one the document lists (application/problem+json)",
    ]);
    expect(await violations(get(`/items/${itemId}`), json({ name: "Mug", priceCents: 1 }))).toEqual([
      "it lacks the header ETag, which the document requires",
    ]);
    expect(await violations(post("/items", '{"name":"a","priceCents":1}'), json({ id: 1 }, 201))).toEqual([
      "it has a body, where the document describes none",
    ]);
    expect(await violations(get(`/items/${itemId}`), new Response(null, { status: 404 }))).toEqual([
      "it has no body, where the document describes application/problem+json",
    ]);
  });

  it("holds HEAD to the GET operation's status and headers, not its body", async () => {
    const head = new Request(`http://service.test/items/${itemId}`, { method: "HEAD" });
    const answered = new Response(null, { status: 200, headers: { "content-type": "application/json" } });
    expect(await violations(head, answered)).toEqual([
      "it lacks the header ETag, which the document requires",
    ]);
  });
});

describe("requests", () => {
  it("fails a success answered to a request the document refuses, and not a refusal of it", async () => {
    expect(await violations(get("/items/not-a-uuid"), new Response(null, { status: 304 }))).toEqual([
      'answered 304 to a request the document refuses: path parameter id: (the value) must match format "uuid"',
    ]);
    expect(await violations(get("/items/not-a-uuid"), problemOf(404))).toEqual([]);
    expect(await violations(post("/items", '{"name":"a"}'), new Response(null, { status: 201 }))).toEqual([
      "answered 201 to a request the document refuses: body (the value) must have required property 'priceCents'",
    ]);
    expect(
      await violations(post("/items", "name=a", "text/plain"), new Response(null, { status: 201 })),
    ).toEqual([
      "answered 201 to a request the document refuses: the body's content type text/plain is not one the document takes (application/json)",
    ]);
  });

  it("reads query values as OpenAPI's form style writes them", async () => {
    const found = json([]);
    expect(await violations(get("/items/search?from=2026-02-28&limit=5"), found.clone())).toEqual([]);
    expect(await violations(get("/items/search?from=2026-02-30"), found.clone())).toEqual([
      'answered 200 to a request the document refuses: query parameter from: (the value) must match format "date"',
    ]);
    expect(await violations(get("/items/search?from=2026-02-28&limit=05"), found.clone())).toEqual([
      "answered 200 to a request the document refuses: query parameter limit: (the value) must be integer",
    ]);
    expect(await violations(get("/items/search"), found.clone())).toEqual([
      "answered 200 to a request the document refuses: query parameter from is required",
    ]);
    const dry = post("/items?dry=yes", '{"name":"a","priceCents":1}');
    expect(await violations(dry, new Response(null, { status: 201 }))).toEqual([
      "answered 201 to a request the document refuses: query parameter dry: (the value) must be boolean",
    ]);
  });

  it("lets paths and methods the document leaves out be refused, never served", async () => {
    expect(await violations(get("/nowhere"), problemOf(404))).toEqual([]);
    expect(await violations(get("/docs/assets/page.js"), new Response("js"))).toEqual([]);
    expect(await violations(get("/nowhere"), new Response("hi"))).toEqual([
      "GET /nowhere answered 200, but Shop API describes no such path",
    ]);
    const del = new Request(`http://service.test/items/${itemId}`, { method: "DELETE" });
    expect(await violations(del, problemOf(405))).toEqual([]);
    expect(await violations(del, new Response(null, { status: 204 }))).toEqual([
      "DELETE /items/{id} answered 204, but Shop API describes only GET there",
    ]);
  });
});

describe("checkedFetch and checkedLambda", () => {
  it("reject with the operation and what broke, and hand a conforming response on unread", async () => {
    const fetch = checkedFetch(async (request: Request) => {
      const body = (await request.json()) as { name: string };
      return body.name === "ok" ? new Response(null, { status: 201 }) : json({ title: "No" }, 400);
    }, contract);
    const res = await fetch(post("/items", '{"name":"ok","priceCents":1}'));
    expect(res.status).toBe(201);
    const broken = fetch(post("/items", '{"name":"bad","priceCents":1}'));
    await expect(broken).rejects.toThrow(ContractViolation);
    await expect(fetch(post("/items", '{"name":"bad","priceCents":1}'))).rejects.toThrow(
      "addItem (POST /items) broke Shop API:\n  - the content type application/json is not one the document lists (application/problem+json)",
    );
  });

  it("lists the first five violations of an exchange and counts the rest", async () => {
    const list = loadContract({
      openapi: "3.1.0",
      info: { title: "List API" },
      paths: {
        "/numbers": {
          get: {
            responses: {
              200: {
                description: "Numbers",
                content: { "application/json": { schema: { type: "array", items: { type: "integer" } } } },
              },
            },
          },
        },
      },
    });
    const words = json(["a", "b", "c", "d", "e", "f", "g"]);
    await expect(list.assert(get("/numbers"), words)).rejects.toThrow(
      "GET /numbers broke List API:\n  - body /0 must be integer\n  - body /1 must be integer\n" +
        "  - body /2 must be integer\n  - body /3 must be integer\n  - body /4 must be integer\n  - and 2 more",
    );
  });

  it("checks an API Gateway HTTP API event and its result as the gateway's request and response", async () => {
    const handler = checkedLambda(
      async (event: { rawPath: string }) => ({
        statusCode: 200,
        headers: { "content-type": "application/json", etag: '"1"' },
        body: JSON.stringify(event.rawPath.endsWith("1") ? { name: "Mug" } : { name: "Mug", priceCents: 1 }),
      }),
      contract,
    );
    const event = (id: string) => ({
      rawPath: `/items/${id}`,
      rawQueryString: "",
      isBase64Encoded: false,
      requestContext: { http: { method: "GET" } },
    });
    await expect(handler(event(itemId.replace(/b$/, "2")))).resolves.toMatchObject({ statusCode: 200 });
    await expect(handler(event(itemId.replace(/b$/, "1")))).rejects.toThrow(
      "body (the value) must have required property 'priceCents'",
    );
  });
});
