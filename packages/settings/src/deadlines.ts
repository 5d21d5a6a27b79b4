import { proxyPool } from "./database";

/**
 * How long each outbound call may take before the caller gives up on it, in one place. A failover, a proxy
 * waiting to borrow a connection or a network partition does not refuse: it goes silent. Without a deadline
 * the caller waits for the function's own timeout, and on AWS every such request holds a Lambda instance
 * (and, for the worker, a slot of the concurrency that bounds the database's connections) until API
 * Gateway answers the client with a bare gateway error.
 *
 * The numbers, and why:
 * - API Gateway ends an HTTP API integration after 30 s ("Amazon API Gateway quotas", "Maximum integration
 *   timeout": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). Our
 *   HTTP functions time out well before it (10 s and 15 s), and every deadline below ends well before the
 *   function does, so a client always gets our 503 problem+json with `Retry-After`, never a gateway 504.
 * - RDS Proxy queues a client that cannot borrow a connection for `ConnectionBorrowTimeout` (120 s by
 *   default, "ConnectionPoolConfigurationInfo",
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfigurationInfo.html).
 *   Infra sets it to `proxyPool.connectionBorrowTimeoutSeconds` (10 s): still longer than an HTTP read
 *   deadline, which is the point: the proxy's queue must not outlast the function, the read deadline cuts
 *   the caller's wait shorter still.
 * - The client retries a 503 after `Retry-After` seconds with the same Idempotency-Key. A deadline of a few
 *   seconds plus a short Retry-After lets a client (or a person) try two or three times within the time it
 *   would otherwise have spent waiting for one hung request.
 */
export const deadlines = {
  /** API Gateway's limit for an HTTP API integration (the hard ceiling of every HTTP answer). */
  apiGatewayIntegrationTimeoutSeconds: 30,
  /**
   * One database read of the API (`GET /orders/{id}`, `GET /products`): milliseconds when healthy, a
   * connect through the proxy included. The same as the role's server-side `statement_timeout`. Not
   * shorter: a local server shares one connection between concurrent requests, whose reads then queue.
   */
  apiDatabaseReadMs: 5_000,
  /** The whole SQS send of `POST /orders`, every attempt and backoff included. */
  apiQueueSendMs: 5_000,
  /**
   * How long `POST /orders` with an Idempotency-Key looks for the order the key already names (to answer
   * 422 when the body differs). Short, and before the send: past it the order counts as not known yet, so a
   * slow database never turns an order the queue would take into a 503.
   */
  apiIdempotencyLookupMs: 1_000,
  /** One report read (`GET /reports/...`): set-based queries over the rollups, still far under a second. */
  reportingDatabaseReadMs: 4_000,
  /** The queue-depth read of `GET /reports/queue` (one `GetQueueAttributes` per queue). */
  reportingQueueDepthMs: 3_000,
  /**
   * The worker stops waiting for a batch this long before its function times out, and fails the batch as
   * retryable: Lambda then retries it (the partial-batch rules decide which records), instead of killing
   * the instance mid-flight and leaving the connection half-used.
   */
  workerBatchMarginMs: 5_000,
  /** The rollup's role waits this long for a row lock (a run still holding `rollup_state`). */
  rollupLockTimeoutMs: 10_000,
  /** The rollup's role runs one statement at most this long (set as the role's default, see migrations). */
  rollupStatementTimeoutMs: 60_000,
  /** Extra time a test or benchmark allows beyond a deadline for the 503 to be written and read. */
  answerSlackMs: 500,
} as const;

/** The shape of {@link deadlines} (tests pass other values). */
export type Deadlines = { readonly [K in keyof typeof deadlines]: number };

/** Function timeouts that the deadlines must fit in (infra reads its own; its tests compare them with these). */
export interface FunctionTimeouts {
  apiSeconds: number;
  reportingHttpSeconds: number;
  workerSeconds: number;
  rollupSeconds: number;
  /** Minutes between two scheduled rollups. */
  rollupScheduleMinutes: number;
}

/** The broken invariants between the deadlines and the functions' timeouts (empty when sound). */
export function deadlineProblems(timeouts: FunctionTimeouts, d: Deadlines = deadlines): string[] {
  const problems: string[] = [];
  const gatewayMs = d.apiGatewayIntegrationTimeoutSeconds * 1000;
  const slack = d.answerSlackMs;
  const apiMs = timeouts.apiSeconds * 1000;
  const reportingMs = timeouts.reportingHttpSeconds * 1000;
  if (apiMs >= gatewayMs) problems.push("the api's timeout must end before API Gateway's integration limit");
  if (reportingMs >= gatewayMs) {
    problems.push("the reporting function's timeout must end before API Gateway's integration limit");
  }
  for (const [name, ms] of [
    ["apiDatabaseReadMs", d.apiDatabaseReadMs],
    ["apiQueueSendMs", d.apiQueueSendMs],
  ] as const) {
    if (ms + slack >= apiMs) problems.push(`${name} must end before the api's function times out`);
  }
  for (const [name, ms] of [
    ["reportingDatabaseReadMs", d.reportingDatabaseReadMs],
    ["reportingQueueDepthMs", d.reportingQueueDepthMs],
  ] as const) {
    if (ms + slack >= reportingMs) problems.push(`${name} must end before the reporting function times out`);
  }
  // POST /orders with an Idempotency-Key: the lookup, then the send.
  if (d.apiIdempotencyLookupMs + d.apiQueueSendMs + slack >= apiMs) {
    problems.push(
      "apiIdempotencyLookupMs and apiQueueSendMs together must end before the api's function times out",
    );
  }
  if (d.workerBatchMarginMs >= timeouts.workerSeconds * 1000) {
    problems.push("workerBatchMarginMs must leave the worker time to work");
  }
  if (
    proxyPool.connectionBorrowTimeoutSeconds * 1000 >=
    timeouts.workerSeconds * 1000 - d.workerBatchMarginMs
  ) {
    problems.push("the proxy's borrow timeout must end before the worker gives up on its batch");
  }
  if (d.rollupLockTimeoutMs >= d.rollupStatementTimeoutMs) {
    problems.push("rollupLockTimeoutMs must be shorter than rollupStatementTimeoutMs");
  }
  // The lock wait, then the one rollup statement.
  if (d.rollupLockTimeoutMs + d.rollupStatementTimeoutMs + slack >= timeouts.rollupSeconds * 1000) {
    problems.push("the rollup's statements must end before its function times out");
  }
  if (timeouts.rollupSeconds >= timeouts.rollupScheduleMinutes * 60) {
    problems.push("the rollup must end before the next one is scheduled");
  }
  return problems;
}
