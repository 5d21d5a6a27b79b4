import { execFileSync } from "node:child_process";

/** PostgreSQL and PgBouncer refuse to run as root; as root we run them as the `postgres` system user. */
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** uid/gid of the `postgres` system user, or undefined when it does not exist. */
export function postgresSystemUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}
