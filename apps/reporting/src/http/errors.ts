import {
  type DocumentedProblemKind,
  internalErrorKind,
  ProblemError,
  validationErrorKind,
} from "@orders/http-problem";
import { forbiddenKind, identityProblemAdvice, unauthorizedKind } from "@orders/identity";

/** A kind of problem the reporting API answers with, and what a client should do about it. */
export type ReportProblemKind = DocumentedProblemKind;

/** Every problem kind of the reporting API (listed in its OpenAPI description and on `/docs`). */
export const problemKinds = {
  validation: {
    ...validationErrorKind,
    advice: "Fix the query parameters listed in `errors` and ask again.",
  },
  unauthorized: { ...unauthorizedKind, advice: identityProblemAdvice.unauthorized },
  forbidden: { ...forbiddenKind, advice: identityProblemAdvice.forbidden },
  notFound: { slug: "not-found", status: 404, title: "Not found", advice: "Check the path." },
  internal: { ...internalErrorKind, advice: "Retry later." },
  queueUnavailable: {
    slug: "queue-unavailable",
    status: 503,
    title: "Queue metrics unavailable",
    advice: "Retry shortly.",
  },
  databaseUnavailable: {
    slug: "database-unavailable",
    status: 503,
    title: "Database unavailable",
    advice: "Retry shortly.",
  },
} as const satisfies Record<string, ReportProblemKind>;

/*
 * The service's error hierarchy: what a route throws on purpose is a ProblemError (from
 * @orders/http-problem), turned into an RFC 9457 problem in one place (`createReportingApp`'s `onError`).
 * Anything else is a bug: a 500. `ValidationError` comes from the package as it is.
 */

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  constructor(path: string) {
    super(problemKinds.notFound, `Nothing at ${path}.`);
  }
}

/** What a 503 tells a client to wait before retrying: the deadlines keep a retry cheap (see docs/deploy.md). */
const RETRY_AFTER_SECONDS = 2;

export class QueueUnavailableError extends ProblemError {
  override name = "QueueUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.queueUnavailable, "The queue depth could not be read from SQS; retry shortly.", {
      cause,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
}

export class DatabaseUnavailableError extends ProblemError {
  override name = "DatabaseUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.databaseUnavailable, "The database did not answer in time; retry shortly.", {
      cause,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
}
