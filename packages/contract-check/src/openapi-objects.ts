/*
 * The parts of an OpenAPI 3.1 document the checks read, as plain data. Schemas stay opaque: Ajv reads them.
 */

/** A JSON Schema (an OpenAPI 3.1 schema object). */
export type Schema = object;

export interface MediaType {
  schema?: Schema;
}

export interface Parameter {
  name: string;
  description?: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  schema?: Schema;
}

export interface RequestBody {
  required?: boolean;
  content?: Record<string, MediaType>;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema?: Schema;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, Header>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses?: Record<string, ResponseObject>;
}

export const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type Method = (typeof methods)[number];

export type PathItem = Partial<Record<Method, Operation>> & { parameters?: Parameter[] };

export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string };
  paths?: Record<string, PathItem>;
  /** Schemas and other objects the rest refers to (`$ref: "#/components/…"`). */
  components?: Record<string, Record<string, object>>;
}

/**
 * The JSON pointer fragment (`#/paths/~1orders/post`) of a place in the document, each segment escaped as
 * RFC 6901 asks and then percent-encoded, as a URI fragment must be (a path template's braces).
 */
export function pointerTo(...segments: string[]): string {
  return `#${segments.map((s) => `/${encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))}`).join("")}`;
}

/** An object of the document and where it is (a `#/…` fragment), after following any `$ref` to it. */
export interface Located<T> {
  value: T;
  pointer: string;
}

/**
 * Follows a `$ref` to another place in the same document (`#/components/responses/…`); other objects stay
 * where they are. The pointer says where the object's schemas are, for the validator.
 */
export function locate<T extends object>(
  document: object,
  value: T | { $ref: string },
  pointer: string,
): Located<T> {
  if (!("$ref" in value) || typeof value.$ref !== "string") return { value: value as T, pointer };
  const ref = value.$ref;
  if (!ref.startsWith("#/")) throw new Error(`Only references inside the document are supported: ${ref}`);
  let target: unknown = document;
  for (const segment of ref.slice(2).split("/")) {
    const key = decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  if (typeof target !== "object" || target === null) throw new Error(`Unresolved reference ${ref}`);
  return locate(document, target as T, ref);
}
