import type { FieldError } from "./field-errors";
import { ProblemError } from "./problem-error";
import { internalErrorKind, problemTypeUri } from "./problem-kind";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** An RFC 9457 problem details document, with the extension members an app adds (e.g. `requestId`). */
export type Problem<Extensions extends object = object> = {
  /** Relative reference to the problem type's documentation, e.g. `/docs#problem-validation-error`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance: string;
  /** Only on validation problems. */
  errors?: FieldError[];
} & Extensions;

/** What a problem document needs besides the error. */
export interface ProblemContext<Extensions extends object> {
  /** The request path. */
  instance: string;
  /** Extension members (RFC 9457 §3.2) every problem of the app carries, e.g. a request id. */
  extensions: Extensions;
  /** The `detail` of the generic 500 (defaults to "The request could not be completed."). */
  unexpectedDetail?: string;
}

/**
 * The problem document for a thrown value: a ProblemError becomes its kind's problem, anything else the
 * generic 500.
 *
 * @example
 * const problem = toProblem(error, { instance: c.req.path, extensions: { requestId } });
 */
export function toProblem<Extensions extends object>(
  error: unknown,
  {
    instance,
    extensions,
    unexpectedDetail = "The request could not be completed.",
  }: ProblemContext<Extensions>,
): Problem<Extensions> {
  const expected = error instanceof ProblemError ? error : undefined;
  const kind = expected?.kind ?? internalErrorKind;
  return {
    type: problemTypeUri(kind),
    title: kind.title,
    status: kind.status,
    // Never the message of an unexpected error: it may carry internals (SQL, hosts, stack frames).
    detail: expected?.detail ?? unexpectedDetail,
    instance,
    ...extensions,
    ...(expected?.errors ? { errors: expected.errors } : {}),
  } as Problem<Extensions>;
}

/**
 * The HTTP response for a problem: its status, the problem+json content type and the given headers
 * (an error's own `Allow` / `Retry-After`, an app's `X-Request-Id` or `Cache-Control`).
 *
 * @example
 * return problemResponse(problem, { ...error.headers, "Cache-Control": "no-store" });
 */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, "Content-Type": PROBLEM_CONTENT_TYPE },
  });
}
