import { ProblemError } from "@orders/http-problem";
import { HTTPException } from "hono/http-exception";
import { MAX_BODY_BYTES } from "./limits";
import { type ProblemType, problemTypes } from "./problem-types";

/*
 * The API's error hierarchy: everything a route throws on purpose is a ProblemError (from
 * @orders/http-problem), turned into an RFC 9457 problem in exactly one place (`createApp`'s `onError`).
 * Anything else is a bug and becomes a 500. `ValidationError` comes from the package as it is.
 */

export class MalformedBodyError extends ProblemError {
  override name = "MalformedBodyError";
  constructor(detail = "The body is not valid JSON.") {
    super(problemTypes.malformedBody, detail);
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  override name = "UnsupportedMediaTypeError";
  constructor(detail = "Send the body as application/json.") {
    super(problemTypes.unsupportedMediaType, detail);
  }
}

export class PayloadTooLargeError extends ProblemError {
  override name = "PayloadTooLargeError";
  constructor(maxBytes: number) {
    super(problemTypes.payloadTooLarge, `The body is larger than ${maxBytes} bytes.`);
  }
}

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  constructor(detail: string) {
    super(problemTypes.notFound, detail);
  }
}

/** 422: the Idempotency-Key already names an order of this customer with another body. */
export class IdempotencyKeyReusedProblem extends ProblemError {
  override name = "IdempotencyKeyReusedProblem";
  constructor(orderId: string) {
    super(
      problemTypes.idempotencyKeyReused,
      `This Idempotency-Key already names order ${orderId}, placed with another body; it was not changed.`,
    );
  }
}

export class MethodNotAllowedError extends ProblemError {
  override name = "MethodNotAllowedError";
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(problemTypes.methodNotAllowed, `${method} is not allowed on ${path}.`, {
      headers: { Allow: allowed.join(", ") },
    });
  }
}

/** A dependency (queue, database) failed in a way a later retry may not: the client should retry. */
export class DependencyUnavailableError extends ProblemError {
  override name = "DependencyUnavailableError";
  constructor(type: ProblemType, detail: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super(type, detail, { ...options, headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}

/**
 * Maps any thrown value into the hierarchy. Hono's own HTTPExceptions (malformed JSON from the validator,
 * 415 from the media-type gate, 413 from bodyLimit) are translated; anything else is unexpected (undefined).
 */
export function toProblemError(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400:
        return new MalformedBodyError(`${error.message}.`);
      case 413:
        return new PayloadTooLargeError(MAX_BODY_BYTES);
      case 415:
        return new UnsupportedMediaTypeError();
    }
  }
  return undefined;
}
