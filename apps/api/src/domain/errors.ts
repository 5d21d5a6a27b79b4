/*
 * The failures of the outside world the API's use cases name. Adapters translate what their driver threw into
 * these (keeping it as `cause`); `http/` maps each to its problem kind. Each means "not now": the request may
 * be retried later, unchanged.
 */

/** The queue did not take an order message (in time): the order was not accepted. */
export class QueueUnavailableError extends Error {
  override name = "QueueUnavailableError";
  constructor(options?: ErrorOptions) {
    super("the orders queue did not take the message; the order was not accepted", options);
  }
}

/**
 * The database failed in a way a later try may not: the connection could not be made or was lost, the
 * server or proxy was at capacity, or the read ran past its deadline.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(options?: ErrorOptions) {
    super("the database did not answer (unreachable, at capacity or past the read deadline)", options);
  }
}
