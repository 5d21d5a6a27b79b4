import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { buildDocument } from "./document-file";
import { type ProblemResponseDoc, problemResponses, problemSchema, retryAfterHeader } from "./problem-schema";

const info = { openapi: "3.1.0", info: { title: "Test API", version: "1.0.0" } };

function documentWith(
  problem: ReturnType<typeof problemSchema>,
  unavailable: ProblemResponseDoc = "Database unavailable",
) {
  return buildDocument(info, [
    createRoute({
      method: "get",
      path: "/things",
      responses: problemResponses(problem, { 400: "Invalid query", 503: unavailable }),
    }),
  ]);
}

describe("problemSchema", () => {
  it("is the Problem component: RFC 9457 members, the service's own after instance, then errors", () => {
    const problem = problemSchema({
      description: "RFC 9457 problem details.",
      type: { description: "URI reference" },
      members: { requestId: z.string() },
      errors: {
        in: ["query", "path"],
        pointer: { example: "/limit" },
        path: { example: ["limit"] },
        index: z.int(),
      },
    });
    const schema = documentWith(problem).components?.schemas?.Problem as Record<string, unknown> & {
      properties: Record<string, { items: { properties: Record<string, unknown> } }>;
    };
    expect(schema.description).toBe("RFC 9457 problem details.");
    expect(Object.keys(schema.properties)).toEqual([
      "type",
      "title",
      "status",
      "detail",
      "instance",
      "requestId",
      "errors",
    ]);
    expect(schema.required).toEqual(["type", "title", "status", "detail", "instance", "requestId"]);
    expect(schema.properties.type).toEqual({ type: "string", description: "URI reference" });
    expect(schema.properties.errors?.items.properties).toEqual({
      in: { type: "string", enum: ["query", "path"] },
      pointer: { type: "string", example: "/limit" },
      path: {
        type: "array",
        items: { anyOf: [{ type: "string" }, { type: "integer" }] },
        example: ["limit"],
      },
      message: { type: "string" },
    });
  });

  it("leaves out what a service does not document", () => {
    const problem = problemSchema({
      type: { example: "/docs#problem-validation-error" },
      errors: { in: ["query"], pointer: { example: "/to" }, index: z.number() },
    });
    const schema = documentWith(problem).components?.schemas?.Problem as Record<string, unknown> & {
      properties: Record<string, { items: { properties: Record<string, unknown> } }>;
    };
    expect(schema).not.toHaveProperty("description");
    expect(Object.keys(schema.properties)).not.toContain("requestId");
    expect(schema.properties.errors?.items.properties.path).toEqual({
      type: "array",
      items: { anyOf: [{ type: "string" }, { type: "number" }] },
    });
  });
});

describe("problemResponses", () => {
  it("answers each status with the Problem component as application/problem+json", () => {
    const problem = problemSchema({
      type: {},
      errors: { in: ["query"], pointer: {}, index: z.int() },
    });
    const responses = documentWith(problem).paths?.["/things"]?.get?.responses;
    expect(responses).toEqual({
      400: {
        description: "Invalid query",
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
      503: {
        description: "Database unavailable",
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    });
  });

  it("documents the headers a status carries beside its problem", () => {
    const problem = problemSchema({ type: {}, errors: { in: ["query"], pointer: {}, index: z.int() } });
    const responses = documentWith(problem, {
      description: "Database unavailable",
      headers: retryAfterHeader,
    }).paths?.["/things"]?.get?.responses;
    expect(responses?.[503]).toEqual({
      description: "Database unavailable",
      headers: {
        "Retry-After": {
          description: "Seconds to wait before retrying",
          required: true,
          schema: { type: "integer" },
        },
      },
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    });
  });
});
