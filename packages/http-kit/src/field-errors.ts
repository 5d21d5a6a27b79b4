import type { $ZodError } from "zod/v4/core";

/** Where a failing field is in the request. */
export type FieldLocation = "body" | "header" | "path" | "query";

/** One failing field of a request, as listed in a validation problem's `errors`. */
export interface FieldError {
  /** Where the field is: the JSON body, the query string, a header or a path parameter. */
  in: FieldLocation;
  /** JSON pointer (RFC 6901) into that location, e.g. `/items/0/quantity`; empty for the whole body. */
  pointer: string;
  /** The same location as path segments, e.g. `["items", 0, "quantity"]`. */
  path: (string | number)[];
  message: string;
}

const locations = { json: "body", header: "header", param: "path", query: "query" } as const;

/**
 * Where a Hono validator target lives in the request (`json` → `body`, `param` → `path`, ...); anything
 * else is taken as the body.
 *
 * @example
 * locationOf("param"); // "path"
 */
export function locationOf(target: string): FieldLocation {
  return locations[target as keyof typeof locations] ?? "body";
}

/**
 * One entry per zod issue, with the failing field as JSON pointer and as path segments. Takes the error of
 * classic zod and of zod/mini alike (both are zod 4 core errors).
 *
 * @example
 * const result = schema.safeParse(body);
 * if (!result.success) throw new ValidationError(fieldErrorsFrom(result.error, "body"));
 */
export function fieldErrorsFrom(error: $ZodError, location: FieldLocation): FieldError[] {
  return error.issues.map((issue) => {
    // Symbol keys cannot come from JSON, a query string or a header; String() keeps the type honest.
    const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
    return { in: location, pointer: toJsonPointer(path), path, message: issue.message };
  });
}

/**
 * RFC 6901: `~` and `/` inside a segment are escaped, so the pointer stays unambiguous for any key.
 *
 * @example
 * toJsonPointer(["a/b", 0]); // "/a~1b/0"
 */
export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
