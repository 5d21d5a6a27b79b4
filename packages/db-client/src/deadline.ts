import pTimeout from "p-timeout";
import type { DbClient } from "./create-db";

/** A database call outlived its deadline; its connection was discarded. Retryable (kind `timeout`). */
export class DeadlineExceededError extends Error {
  override name = "DeadlineExceededError";
  /** Read by `classifyDbError`, like a driver's code. */
  readonly code = "DEADLINE_EXCEEDED";
  constructor(readonly deadlineMs: number) {
    super(`The database did not answer within ${deadlineMs} ms`);
  }
}

/**
 * Runs one unit of work on a client (directly, or within a deadline: see {@link RenewableDb.within}). The
 * client is a {@link DbClient} by default; a caller that queries with postgres.js alone names its `Sql`.
 */
export type DbCall<Client = DbClient> = <T>(work: (client: Client) => Promise<T>) => Promise<T>;

/** A container's one database client, replaced after a call that outlived its deadline. */
export interface RenewableDb {
  /** The current client, created on first use (and again after a discard). */
  current(): DbClient;
  /**
   * Runs `work` on the current client, giving up after `deadlineMs`: the call rejects with
   * DeadlineExceededError and the client is discarded, so the next call reconnects.
   */
  within<T>(deadlineMs: number, work: (client: DbClient) => Promise<T>): Promise<T>;
  /** Closes the current client, if any. */
  close(): Promise<void>;
}

/**
 * A client with a deadline on every call, for callers that must answer in time whatever the database does.
 *
 * postgres.js bounds the connect (`connect_timeout`) but not a query: on a connection that goes silent (a
 * failover, a partition, a proxy waiting to borrow a server connection) the query waits for TCP to give up,
 * which takes minutes. The deadline is kept here because no option of the driver gives one; when it passes:
 *
 * - the caller gets DeadlineExceededError at once;
 * - the client is ended without waiting (`end({ timeout: 0 })` destroys its socket, failing the stuck query
 *   with CONNECTION_DESTROYED, which nobody is left waiting for), so the container never queues behind a
 *   dead socket; on the server, the role's `statement_timeout` cancels a statement still running;
 * - the next call creates a new client: one connection per container, before and after.
 *
 * The timer is cleared as soon as the call settles, so nothing keeps a container's event loop busy.
 *
 * One call at a time: a call waits for the one before it to settle, and its deadline counts from when it was
 * made, waiting included. A transaction pooler hands the server connection back at each idle ReadyForQuery,
 * so a parameterised statement (postgres.js sends it as Parse, Describe and Flush without `prepare`)
 * pipelined behind a finished one can lose its answers there (PgBouncer logs "got packet ... from server
 * when not linked") and wait forever. On Lambda an instance serves one invocation at a time, so this costs
 * nothing there; locally, concurrent requests on the one connection queue here instead of on the wire. Calls
 * queued behind one that outlived its deadline fail with it, at once.
 *
 * @example
 * const db = renewableDb(() => createDb(config));
 * const [row] = await db.within(3_000, (c) => c.sql`select count(*)::int as n from products`);
 */
export function renewableDb(create: () => DbClient): RenewableDb {
  let client: DbClient | undefined;
  // The call whose turn it is now, and every one queued behind it (see "One call at a time" above).
  let queue: Promise<void> = Promise.resolve();
  // How many clients were discarded so far: a call queued before a discard is not sent after it.
  let discards = 0;
  const current = () => {
    client ??= create();
    return client;
  };
  const discard = (stale: DbClient) => {
    discards++;
    if (client === stale) client = undefined;
    // Ending a client whose socket is silent only destroys it; there is nothing to report if that fails.
    stale.sql.end({ timeout: 0 }).catch(() => {});
  };
  return {
    current,
    async within(deadlineMs, work) {
      const before = queue;
      let done!: () => void;
      queue = new Promise<void>((resolve) => {
        done = resolve;
      });
      let gaveUp = false;
      let used: DbClient | undefined;
      const discardsBefore = discards;
      const turn = before.then(() => {
        // A caller that gave up while waiting for its turn sends nothing; nor does one queued behind a call
        // that found the database silent: it answers now (503) instead of opening a connection into the
        // silence with what is left of its deadline.
        if (gaveUp || discards !== discardsBefore) throw new DeadlineExceededError(deadlineMs);
        used = current();
        return work(used);
      });
      try {
        return await pTimeout(turn, {
          milliseconds: deadlineMs,
          message: new DeadlineExceededError(deadlineMs),
        });
      } catch (error) {
        gaveUp = true;
        // Only a call that was on the wire when its deadline passed leaves a silent connection behind.
        if (error instanceof DeadlineExceededError && used) discard(used);
        throw error;
      } finally {
        done();
        turn.catch(() => {});
      }
    },
    close: async () => {
      const open = client;
      client = undefined;
      await open?.close();
    },
  };
}
