/** One failing request field, as listed in a validation problem's `errors` (same shape as the orders API). */
export interface FieldError {
  in: "query" | "path" | "header" | "body";
  /** JSON pointer (RFC 6901) to the field within its location, e.g. `/to`. */
  pointer: string;
  path: (string | number)[];
  message: string;
}

/** A kind of problem this service answers with: its `type` slug, HTTP status and stable title. */
export interface ProblemKind {
  slug: string;
  status: number;
  title: string;
}

/** Every problem kind of the reporting API (documented in its OpenAPI description). */
export const problemKinds = {
  validation: { slug: "validation-error", status: 400, title: "Request is invalid" },
  notFound: { slug: "not-found", status: 404, title: "Not found" },
  internal: { slug: "internal-error", status: 500, title: "Internal error" },
  queueUnavailable: { slug: "queue-unavailable", status: 503, title: "Queue metrics unavailable" },
  databaseUnavailable: { slug: "database-unavailable", status: 503, title: "Database unavailable" },
} as const satisfies Record<string, ProblemKind>;

/**
 * The one error hierarchy of the service: what a route throws on purpose is a ReportingError, turned into
 * an RFC 9457 problem in one place (`createReportingApp`'s `onError`). Anything else is a bug: a 500.
 */
export class ReportingError extends Error {
  override name = "ReportingError";
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

export class ValidationError extends ReportingError {
  override name = "ValidationError";
  constructor(readonly errors: FieldError[]) {
    super(
      problemKinds.validation,
      `${errors.length} field${errors.length === 1 ? "" : "s"} failed validation`,
    );
  }
}

export class NotFoundError extends ReportingError {
  override name = "NotFoundError";
  constructor(path: string) {
    super(problemKinds.notFound, `Nothing at ${path}.`);
  }
}

export class QueueUnavailableError extends ReportingError {
  override name = "QueueUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.queueUnavailable, "The queue depth could not be read from SQS; retry shortly.", {
      cause,
    });
  }
}

export class DatabaseUnavailableError extends ReportingError {
  override name = "DatabaseUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.databaseUnavailable, "The database did not answer in time; retry shortly.", { cause });
  }
}
