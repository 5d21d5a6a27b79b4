import type { z } from "zod";
import type { FieldError } from "./errors";

const locations = { json: "body", header: "header", param: "path", query: "query" } as const;

/** Where a validator target lives in the request (`json` → `body`, `param` → `path`, ...). */
export function locationOf(target: string): FieldError["in"] {
  return locations[target as keyof typeof locations] ?? "body";
}

/** One entry per zod issue, with the failing field as JSON pointer and as path segments. */
export function fieldErrorsFrom(error: z.ZodError, location: FieldError["in"]): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
    return { in: location, pointer: toJsonPointer(path), path, message: issue.message };
  });
}

/** RFC 6901: `~` and `/` inside a segment are escaped, so the pointer stays unambiguous for any key. */
export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
