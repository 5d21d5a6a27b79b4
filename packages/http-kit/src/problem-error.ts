import type { FieldError } from "./field-errors";
import { methodNotAllowedKind, type ProblemKind, validationErrorKind } from "./problem-kind";

/** What a ProblemError may carry besides its kind and detail. */
export interface ProblemErrorOptions extends ErrorOptions {
  /** The failing fields, listed in the problem's `errors` (validation problems). */
  errors?: FieldError[];
  /** Headers the response must carry, e.g. `Allow` on a 405 or `Retry-After` on a 503. */
  headers?: Record<string, string>;
}

/**
 * The base of each app's error hierarchy: what a route throws on purpose is a ProblemError, turned into an
 * RFC 9457 problem in one place (`toProblem`). Anything else is a bug and becomes a generic 500.
 *
 * @example
 * class NotFoundError extends ProblemError {
 *   constructor(detail: string) {
 *     super(problemKinds.notFound, detail);
 *   }
 * }
 */
export class ProblemError extends Error {
  override name = "ProblemError";
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ProblemKind,
    /** Safe to show the client: it becomes the problem's `detail`. */
    readonly detail: string,
    { errors, headers = {}, ...errorOptions }: ProblemErrorOptions = {},
  ) {
    super(detail, errorOptions);
    this.errors = errors;
    this.headers = headers;
  }
}

/**
 * A request whose fields failed validation: a 400 listing each of them.
 *
 * @example
 * throw new ValidationError(fieldErrorsFrom(result.error, "query"));
 */
export class ValidationError extends ProblemError {
  override name = "ValidationError";
  declare readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(validationErrorKind, `${errors.length} field${errors.length === 1 ? "" : "s"} failed validation`, {
      errors,
    });
  }
}

/**
 * A method the path does not serve: a 405 whose `Allow` header lists the methods it does (RFC 9110 §15.5.6).
 *
 * @example
 * throw new MethodNotAllowedError("DELETE", "/orders", ["POST"]);
 */
export class MethodNotAllowedError extends ProblemError {
  override name = "MethodNotAllowedError";

  constructor(method: string, path: string, allowed: readonly string[]) {
    super(methodNotAllowedKind, `${method} is not allowed on ${path}.`, {
      headers: { Allow: allowed.join(", ") },
    });
  }
}
