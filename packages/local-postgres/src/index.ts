export { createDatabase, dropDatabase, ensureDatabase, uniqueDatabaseName, withDatabase } from "./databases";
export { type PostgresServer, type StartPostgresOptions, startEmbeddedPostgres } from "./embedded-server";
export { findFreePort, isListening } from "./loopback-ports";
export {
  findPgBouncerBinary,
  locatePgBouncerBinary,
  type PgBouncer,
  type StartPgBouncerOptions,
  startPgBouncer,
} from "./pgbouncer";
export {
  checkOwnDirectory,
  currentUid,
  ensurePrivateDirectory,
  ensurePrivateDirectorySync,
  isOwnDirectory,
  readPrivateFile,
  readPrivateFileSync,
  UnsafePathError,
  writePrivateFile,
} from "./private-paths";
export { isRoot, postgresSystemUser } from "./system-user";
export {
  defaultRelayConnectTimeoutMs,
  type RelayConnectionHandler,
  type StartTcpRelayOptions,
  startTcpRelay,
  type TcpRelay,
  UpstreamConnectTimeoutError,
} from "./tcp-relay";
export { type PostgresTarget, usePostgres } from "./use-postgres";
