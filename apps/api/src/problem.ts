import { HTTPException } from "hono/http-exception";
import {
  ApiError,
  type FieldError,
  MalformedBodyError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "./errors";
import { MAX_BODY_BYTES } from "./limits";
import { problemTypes, problemTypeUri } from "./problem-types";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** An RFC 9457 problem details document as this API writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance: string;
  /** The correlation id (also the X-Request-Id header), for support and log search. */
  requestId: string;
  /** Only on validation problems. */
  errors?: FieldError[];
}

/**
 * Maps any thrown value to an ApiError. Hono's own HTTPExceptions (malformed JSON from the validator, 415
 * from the media-type gate, 413 from bodyLimit) are translated; anything else is unexpected (undefined).
 */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
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

/** Builds the problem document for an ApiError (or the generic 500 when there is none). */
export function toProblem(error: ApiError | undefined, instance: string, requestId: string): Problem {
  const type = error?.type ?? problemTypes.internal;
  return {
    type: problemTypeUri(type),
    title: type.title,
    status: type.status,
    // Never the message of an unexpected error: it may carry internals (SQL, hosts, stack frames).
    detail: error?.detail ?? "The request could not be completed.",
    instance,
    requestId,
    ...(error instanceof ValidationError ? { errors: error.errors } : {}),
  };
}

/** The HTTP response for a problem, with the error's own headers (Allow, Retry-After). */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, "Content-Type": PROBLEM_CONTENT_TYPE, "X-Request-Id": problem.requestId },
  });
}
