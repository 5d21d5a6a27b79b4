/**
 * The database client every service uses: postgres.js through RDS Proxy, one connection, IAM token, verified
 * TLS, deadlines, error classes. Drizzle is a separate entry point, `@orders/db-client/drizzle`, for the
 * services that build queries with it.
 */
export {
  type ConnectionConfig,
  ConnectionConfigError,
  connectionConfigFromEnv,
  type IamConnectionConfig,
  type UrlConnectionConfig,
} from "./config";
export { type CreateDbOptions, createDb, type DbClient, lazyDb, verifiedTls } from "./create-db";
export { type DbCall, DeadlineExceededError, type RenewableDb, renewableDb } from "./deadline";
export { classifyDbError, type DbFailure, type DbFailureKind, isRetryableDbError } from "./errors";
export { createIamTokenProvider, type IamTokenProvider, type IamTokenProviderOptions } from "./iam-token";
export { checkProxyEndpointIdentity, proxyDefaultDomain } from "./proxy-endpoint-identity";
