import { fieldErrorsFrom, ProblemError, type ProblemKind, ValidationError } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { HTTPException } from "hono/http-exception";
import { IdempotencyKeyReusedError, UnqueueableOrderError } from "../domain/accept-order";
import { DatabaseUnavailableError, QueueUnavailableError } from "../domain/errors";
import { MAX_BODY_BYTES } from "./limits";
import { problemKinds } from "./problem-kinds";

/*
 * The API's error hierarchy: everything a route throws on purpose is a ProblemError (from
 * @orders/http-kit), turned into an RFC 9457 problem in exactly one place (`createApp`'s `onError`); the
 * errors the domain declares are mapped to their problem kinds here (`toProblemError`). Anything else is a
 * bug and becomes a 500. `ValidationError` and `MethodNotAllowedError` come from the package as they are.
 */

export class MalformedBodyError extends ProblemError {
  override name = "MalformedBodyError";
  constructor(detail = "The body is not valid JSON.") {
    super(problemKinds.malformedBody, detail);
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  override name = "UnsupportedMediaTypeError";
  constructor(detail = "Send the body as application/json.") {
    super(problemKinds.unsupportedMediaType, detail);
  }
}

export class PayloadTooLargeError extends ProblemError {
  override name = "PayloadTooLargeError";
  constructor(maxBytes: number) {
    super(problemKinds.payloadTooLarge, `The body is larger than ${maxBytes} bytes.`);
  }
}

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  constructor(detail: string) {
    super(problemKinds.notFound, detail);
  }
}

/** 422: the Idempotency-Key already names an order of this customer with another body. */
export class IdempotencyKeyReusedProblem extends ProblemError {
  override name = "IdempotencyKeyReusedProblem";
  constructor(orderId: string) {
    super(
      problemKinds.idempotencyKeyReused,
      `This Idempotency-Key already names order ${orderId}, placed with another body; it was not changed.`,
    );
  }
}

/** A dependency (queue, database) failed in a way a later retry may not: the client should retry. */
export class DependencyUnavailableError extends ProblemError {
  override name = "DependencyUnavailableError";
  constructor(kind: ProblemKind, detail: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super(kind, detail, { ...options, headers: { "Retry-After": String(retryAfterSeconds) } });
  }
}

/**
 * Maps any thrown value into the hierarchy: the domain's errors to their problem kinds (a dependency that is
 * unavailable to a 503 with `Retry-After`), and Hono's own HTTPExceptions (malformed JSON from the
 * validator, 415 from the media-type gate, 413 from bodyLimit) likewise; anything else is unexpected
 * (undefined).
 */
export function toProblemError(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof QueueUnavailableError)
    return new DependencyUnavailableError(
      problemKinds.queueUnavailable,
      "The order could not be queued and was not accepted.",
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  if (error instanceof DatabaseUnavailableError)
    return new DependencyUnavailableError(
      problemKinds.databaseUnavailable,
      "The database is unavailable right now.",
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  // The request passed its own schema, so this is the message contract speaking: name what failed.
  if (error instanceof UnqueueableOrderError)
    return new ValidationError(fieldErrorsFrom(error.issues, "body"));
  if (error instanceof IdempotencyKeyReusedError) return new IdempotencyKeyReusedProblem(error.orderId);
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
