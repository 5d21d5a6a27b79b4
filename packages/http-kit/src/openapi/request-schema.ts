import * as z from "zod/mini";

/** A JSON Schema (OpenAPI 3.1 schema object) as plain data. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Keys in the order the OpenAPI generator writes them, so a document reads the same whichever of the two
 * converters produced a part (the generator for response schemas, zod's own for request schemas).
 */
const keyOrder = [
  "type",
  "format",
  "properties",
  "items",
  "required",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "pattern",
  "default",
  "description",
  "example",
  "additionalProperties",
];

/**
 * The JSON Schema of a zod/mini request schema as the client sends it (defaults make fields optional), by
 * zod's own converter, with what OpenAPI does not use dropped: `$schema`, and the `pattern` zod adds beside a
 * `format` (the format says it). `extra` (an example, a description) follows the converted keys, in the
 * order given.
 *
 * @example
 * requestSchema(z.uuid(), { example: "6f1c2a4e-8b3d-5e7f-9a0b-1c2d3e4f5a6b" });
 * // { type: "string", format: "uuid", example: "6f1c2a4e-…" }
 */
export function requestSchema(schema: z.ZodMiniType, extra: JsonSchema = {}): JsonSchema {
  const converted = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  const { $schema: _, ...rest } = converted;
  return { ...ordered(rest), ...extra };
}

function ordered(schema: JsonSchema): JsonSchema {
  const { format, pattern } = schema;
  const entries = Object.entries(schema)
    .filter(([key]) => !(key === "pattern" && format !== undefined && pattern !== undefined))
    .map(([key, value]): [string, unknown] => [key, nested(key, value)]);
  const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
}

function nested(key: string, value: unknown): unknown {
  if (key === "properties" && value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([name, property]) => [name, ordered(property as JsonSchema)]),
    );
  }
  if (key === "items" && value && typeof value === "object" && !Array.isArray(value)) {
    return ordered(value as JsonSchema);
  }
  return value;
}
