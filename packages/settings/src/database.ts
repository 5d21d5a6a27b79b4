/**
 * How every service talks to PostgreSQL. Shared by the db-client (runtime) and infra (proxy settings), so
 * the client's timeouts always sit inside the proxy's.
 */
export const databaseConnection = {
  /**
   * One connection per Lambda instance: an instance serves one invocation at a time, so a second connection
   * would only add load on the proxy. Concurrency comes from instances, bounded elsewhere.
   */
  maxConnectionsPerInstance: 1,
  /** RDS Proxy drops client connections idle this long (the proxy's `idleClientTimeout`). */
  proxyIdleClientTimeoutSeconds: 1800,
  /** Close our connection before the proxy does, so we never write to a socket the proxy already closed. */
  clientIdleTimeoutSeconds: 900,
  /** Fail fast when the proxy cannot hand out a connection: the caller retries through the queue. */
  connectTimeoutSeconds: 5,
  /** IAM auth tokens are valid for 15 minutes. */
  iamTokenLifetimeSeconds: 900,
  /** Sign a new token this long before the old one expires, so a connect never races the expiry. */
  iamTokenRefreshMarginSeconds: 300,
} as const;

/**
 * RDS Proxy target-group settings (infra applies them in AWS). The local stack and the tests derive their
 * pooler from the same numbers: pool size from the share of `max_connections`, queue wait from the borrow
 * timeout.
 */
export const proxyPool = {
  /** Share of the database's `max_connections` the proxy may open. The rest stays free for direct sessions. */
  maxConnectionsPercent: 75,
  /**
   * How long a client waits for a free back-end connection before the proxy fails it. Kept well inside the
   * worker's Lambda timeout so a saturated pool fails the batch (and SQS retries it) instead of timing out.
   */
  connectionBorrowTimeoutSeconds: 10,
} as const;

/**
 * RDS Proxy pins a session whose client sends a statement with more than 16 KB of text ("Avoiding pinning
 * an RDS Proxy", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html). The worker
 * keeps every statement under it; the local pinning check enforces it.
 */
export const proxyMaxStatementTextBytes = 16 * 1024;

/**
 * One database login role per service (least privilege). Created by a migration; in AWS each one has its own
 * secret for the proxy and its own `rds-db:connect` permission. `reporting` is the rollup's (it rewrites the
 * report tables); `reportingHttp` is the reporting HTTP function's, which may only read.
 */
export const serviceRoles = {
  api: "orders_api",
  worker: "orders_worker",
  reporting: "orders_reporting",
  reportingHttp: "orders_reporting_http",
} as const;

export type ServiceName = keyof typeof serviceRoles;
export type ServiceRole = (typeof serviceRoles)[ServiceName];

/** Name of the application database (Aurora's default database for the cluster). */
export const databaseName = "orders";
