import {
  type DocumentedProblemKind,
  internalErrorKind,
  methodNotAllowedKind,
  notFoundKind,
  validationErrorKind,
} from "@orders/http-kit";
import { forbiddenKind, identityProblemAdvice, unauthorizedKind } from "@orders/identity";

/**
 * Every problem kind the API can answer with: the API's catalogue, each documented on `/docs` under the
 * anchor its `type` URI names (`/docs#problem-<slug>`).
 */
export const problemKinds = {
  validation: {
    ...validationErrorKind,
    advice: "Fix the fields listed in `errors` (each has a JSON pointer and a message) and send again.",
  },
  malformedBody: {
    slug: "malformed-body",
    status: 400,
    title: "Body is not valid JSON",
    advice: "Send a JSON document that parses.",
  },
  unauthorized: { ...unauthorizedKind, advice: identityProblemAdvice.unauthorized },
  forbidden: { ...forbiddenKind, advice: identityProblemAdvice.forbidden },
  notFound: {
    ...notFoundKind,
    advice:
      "Check the path. An order is found only once the worker has processed it; retry shortly after a 202.",
  },
  methodNotAllowed: {
    ...methodNotAllowedKind,
    advice: "Use one of the methods in the `Allow` header.",
  },
  payloadTooLarge: {
    slug: "payload-too-large",
    status: 413,
    title: "Body too large",
    advice: "Send at most 64 KiB.",
  },
  idempotencyKeyReused: {
    slug: "idempotency-key-reused",
    status: 422,
    title: "Idempotency-Key already used for another order",
    advice:
      "The key names an order of yours with another body (items or currency). Send a new order under a new key; " +
      "retry an order only with its original body.",
  },
  unsupportedMediaType: {
    slug: "unsupported-media-type",
    status: 415,
    title: "Unsupported media type",
    advice: "Send the body as `Content-Type: application/json`.",
  },
  internal: {
    ...internalErrorKind,
    advice: "Retry later; quote the X-Request-Id when reporting it.",
  },
  queueUnavailable: {
    slug: "queue-unavailable",
    status: 503,
    title: "Order queue unavailable",
    advice: "The order was NOT accepted. Retry after `Retry-After` seconds with the same Idempotency-Key.",
  },
  databaseUnavailable: {
    slug: "database-unavailable",
    status: 503,
    title: "Database unavailable",
    advice: "Retry after `Retry-After` seconds.",
  },
} as const satisfies Record<string, DocumentedProblemKind>;
