/**
 * A tiny service and its OpenAPI 3.1 document, to test the proxy driver against: `GET /things` lists things
 * from a day (a date) with a limit (1..100); `POST /things` (signed in) takes `{ name, tags? }`. The service
 * keeps to its document unless a fault is planted.
 */
export const thingDocument = {
  openapi: "3.1.0",
  info: { title: "Things", version: "1.0.0" },
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    schemas: {
      Thing: {
        type: "object",
        properties: { name: { type: "string" }, day: { type: "string", format: "date" } },
        required: ["name", "day"],
      },
      Problem: {
        type: "object",
        properties: { title: { type: "string" }, status: { type: "integer" } },
        required: ["title", "status"],
      },
    },
  },
  paths: {
    "/things": {
      get: {
        operationId: "listThings",
        parameters: [
          {
            name: "day",
            in: "query",
            required: true,
            schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\\d|2[0-8])$" },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 100 },
          },
        ],
        responses: {
          "200": {
            description: "Things",
            content: {
              "application/json": {
                schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
              },
            },
          },
          "400": {
            description: "Invalid day or limit",
            content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
        },
      },
      post: {
        operationId: "addThing",
        security: [{ bearerAuth: [] }],
        description: "A name made only of spaces is refused.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  name: { type: "string", minLength: 1, maxLength: 10 },
                  tags: { type: "array", items: { type: "string", enum: ["a", "b"] }, maxItems: 3 },
                },
                required: ["name"],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          "201": {
            description: "Added",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
          "400": {
            description: "Invalid body",
            content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
          "401": {
            description: "No token",
            content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
        },
      },
    },
  },
};

/** A fault to plant in the service. */
export type ThingFault = "refuses limit 100" | "ignores the limit's bounds" | "answers day as a number";

const problem = (status: number, title: string) =>
  new Response(JSON.stringify({ title, status }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/;

/** The service as a fetch handler; it also serves its document at `/openapi.json`. */
export function thingService(fault?: ThingFault): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/openapi.json") return Response.json(thingDocument);
    if (url.pathname !== "/things") return problem(404, "Not found");
    if (request.method === "GET") {
      const day = url.searchParams.get("day");
      const limitText = url.searchParams.get("limit");
      if (day === null || !DAY.test(day)) return problem(400, "Invalid day");
      if (limitText !== null) {
        const limit = Number(limitText);
        const inBounds = fault === "ignores the limit's bounds" || (limit >= 1 && limit <= 100);
        if (!/^-?\d+$/.test(limitText) || !inBounds) return problem(400, "Invalid limit");
        if (fault === "refuses limit 100" && limit === 100) return problem(400, "Invalid limit");
      }
      const answerDay = fault === "answers day as a number" ? 20260101 : day;
      return Response.json([{ name: "a thing", day: answerDay }]);
    }
    if (request.method === "POST") {
      if (!request.headers.get("authorization")?.startsWith("Bearer ")) return problem(401, "No token");
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return problem(400, "Malformed JSON");
      }
      if (!validThing(body)) return problem(400, "Invalid body");
      return Response.json({ name: body.name, day: "2026-01-01" }, { status: 201 });
    }
    return problem(405, "Method not allowed");
  };
}

function validThing(body: unknown): body is { name: string; tags?: string[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { name, tags, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (typeof name !== "string" || [...name].length < 1 || [...name].length > 10 || name.trim() === "")
    return false;
  if (tags === undefined) return true;
  return Array.isArray(tags) && tags.length <= 3 && tags.every((tag) => tag === "a" || tag === "b");
}
