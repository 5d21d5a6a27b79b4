import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { requestSchema } from "./request-schema";

describe("requestSchema", () => {
  it("writes keys in the generator's order and drops $schema and the pattern beside a format", () => {
    const schema = z.object({ id: z.uuid(), n: z.int().check(z.maximum(9), z.minimum(1)) });
    const json = requestSchema(schema);
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          n: { type: "integer", minimum: 1, maximum: 9 },
        },
        required: ["id", "n"],
      }),
    );
  });

  it("describes the input: a field with a default is optional and shows the default", () => {
    const json = requestSchema(z.object({ limit: z._default(z.number(), 10) }));
    expect(json).toMatchObject({ properties: { limit: { type: "number", default: 10 } } });
    expect(json).not.toHaveProperty("required");
  });

  it("appends extra keys in the order given, as .openapi() metadata did", () => {
    const json = requestSchema(z.string(), { example: "2026-11-01", description: "UTC day" });
    expect(Object.keys(json)).toEqual(["type", "example", "description"]);
  });
});
