/**
 * Key of the transaction-level advisory lock that serialises rollup runs. A transaction-scoped lock (not a
 * session lock) is released by COMMIT/ROLLBACK, so it cannot leak through RDS Proxy's connection reuse.
 * Any fixed 64-bit number works as long as nothing else in the database uses it.
 */
export const rollupLockKey = "7306120001";
