import { type ProblemType, problemTypes } from "./problem-types";

/** One failing field of a request, as listed in a validation problem's `errors`. */
export interface FieldError {
  /** Where the field is: the JSON body, a header or a path parameter. */
  in: "body" | "header" | "path" | "query";
  /** JSON pointer (RFC 6901) into that location, e.g. `/items/0/quantity`; empty for the whole body. */
  pointer: string;
  /** The same location as path segments, e.g. `["items", 0, "quantity"]`. */
  path: (string | number)[];
  message: string;
}

/**
 * The one error hierarchy of the API: everything a route throws on purpose is an ApiError, turned into an
 * RFC 9457 problem in exactly one place (`toProblemResponse`). Anything else is a bug and becomes a 500.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    /** Headers the response must carry (Allow, Retry-After). */
    readonly headers: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

export class ValidationError extends ApiError {
  override name = "ValidationError";
  constructor(readonly errors: FieldError[]) {
    super(
      problemTypes.validation,
      `${errors.length} field${errors.length === 1 ? "" : "s"} failed validation`,
    );
  }
}

export class MalformedBodyError extends ApiError {
  override name = "MalformedBodyError";
  constructor(detail = "The body is not valid JSON.") {
    super(problemTypes.malformedBody, detail);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  override name = "UnsupportedMediaTypeError";
  constructor(detail = "Send the body as application/json.") {
    super(problemTypes.unsupportedMediaType, detail);
  }
}

export class PayloadTooLargeError extends ApiError {
  override name = "PayloadTooLargeError";
  constructor(maxBytes: number) {
    super(problemTypes.payloadTooLarge, `The body is larger than ${maxBytes} bytes.`);
  }
}

export class NotFoundError extends ApiError {
  override name = "NotFoundError";
  constructor(detail: string) {
    super(problemTypes.notFound, detail);
  }
}

export class MethodNotAllowedError extends ApiError {
  override name = "MethodNotAllowedError";
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(problemTypes.methodNotAllowed, `${method} is not allowed on ${path}.`, {
      Allow: allowed.join(", "),
    });
  }
}

/** A dependency (queue, database) failed in a way a later retry may not: the client should retry. */
export class DependencyUnavailableError extends ApiError {
  override name = "DependencyUnavailableError";
  constructor(type: ProblemType, detail: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super(type, detail, { "Retry-After": String(retryAfterSeconds) }, options);
  }
}
