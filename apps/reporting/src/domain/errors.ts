/**
 * The failures the ports may report that are not bugs: a dependency that did not answer. Adapters translate
 * their drivers' errors into these; `http/` maps them to problem kinds (a 503 the client may retry).
 * Anything else an adapter throws is a bug.
 */

/** The report store (PostgreSQL) did not answer in time or is unreachable; `cause` holds the driver's error. */
export class ReportStoreUnavailableError extends Error {
  override name = "ReportStoreUnavailableError";
  constructor(cause: unknown) {
    super("the report store is unavailable", { cause });
  }
}

/** The queue depths (SQS) could not be read; `cause` holds the client's error. */
export class QueueDepthsUnavailableError extends Error {
  override name = "QueueDepthsUnavailableError";
  constructor(cause: unknown) {
    super("the queue depths are unavailable", { cause });
  }
}
