import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { readPrivateFile, writePrivateFile } from "@orders/local-postgres";
import type { DevDbPaths } from "./dev-db-data-dir";

/** The superuser's password of a data folder's cluster, and the one to replace when the cluster has another. */
export interface SuperuserPassword {
  password: string;
  /** The password a kept cluster's superuser still has: change it to `password` once the server is up. */
  previous?: string;
}

/**
 * The superuser password a cluster made before passwords were generated still has (`postgres`); it is
 * replaced at that cluster's first start.
 */
export const fixedPasswordOfOlderClusters = "postgres";

/**
 * The superuser's password of the data folder's cluster: the one in its password file for a kept cluster; a
 * new random one (written to a new file, mode 0600, never through a planted link) for a new cluster, or for a
 * kept cluster that has no file yet. Reading refuses a file that is a link, another user's, or readable by
 * others.
 */
export async function devDbSuperuserPassword(paths: DevDbPaths): Promise<SuperuserPassword> {
  const clusterExists = existsSync(join(paths.clusterDir, "data", "PG_VERSION"));
  if (clusterExists) {
    const kept = await readPrivateFile(paths.passwordFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (kept !== undefined) return { password: kept.trim() };
  } else {
    // The password of a cluster that is gone (removed by hand, or initdb failed): a new cluster, a new one.
    await rm(paths.passwordFile, { force: true });
  }
  const password = randomBytes(24).toString("base64url");
  await writePrivateFile(paths.passwordFile, `${password}\n`);
  return clusterExists ? { password, previous: fixedPasswordOfOlderClusters } : { password };
}
