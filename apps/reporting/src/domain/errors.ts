/*
 * The failures of the outside world the ports may report that are not bugs: a dependency that did not
 * answer. Adapters translate what their driver threw into these (keeping it as `cause`); `http/` maps each
 * to its problem kind (a 503 the client may retry). Anything else an adapter throws is a bug.
 */

/**
 * The database (the report store) did not answer: unreachable, at capacity or past the read deadline. The
 * API names the same failure the same way.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(options?: ErrorOptions) {
    super("the database did not answer (unreachable, at capacity or past the read deadline)", options);
  }
}

/** The queue depths could not be read from SQS (in time). */
export class QueueDepthsUnavailableError extends Error {
  override name = "QueueDepthsUnavailableError";
  constructor(options?: ErrorOptions) {
    super("the queue depths could not be read", options);
  }
}
