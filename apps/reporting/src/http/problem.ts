import type { z } from "zod";
import {
  type FieldError,
  type ProblemKind,
  problemKinds,
  type ReportingError,
  ValidationError,
} from "./report-errors";

export const problemContentType = "application/problem+json";

/** An RFC 9457 problem details document as this service writes it. */
export interface Problem {
  /** `about:blank`-style relative reference naming the kind, e.g. `/openapi.json#problem-validation-error`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

/** The `type` URI of a problem kind: a fragment of this service's own OpenAPI document. */
export function problemTypeUri(kind: ProblemKind): string {
  return `/openapi.json#problem-${kind.slug}`;
}

/** The problem document for an expected error, or the generic 500 for anything else (never its message). */
export function toProblem(error: ReportingError | undefined, instance: string): Problem {
  const kind = error?.kind ?? problemKinds.internal;
  return {
    type: problemTypeUri(kind),
    title: kind.title,
    status: kind.status,
    detail: error?.detail ?? "The report could not be produced.",
    instance,
    ...(error instanceof ValidationError ? { errors: error.errors } : {}),
  };
}

/** The HTTP response carrying a problem. */
export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": problemContentType, "Cache-Control": "no-store" },
  });
}

/** One field error per zod issue, located in the query string (the only input this read-only API takes). */
export function queryFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
    return {
      in: "query",
      pointer: path.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join(""),
      path,
      message: issue.message,
    };
  });
}
