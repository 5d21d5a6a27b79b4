import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { readPrivateFile, writePrivateFile } from "@orders/local-postgres";
import {
  formatLocalServicePasswords,
  parseLocalServicePasswords,
  type ServiceName,
  serviceRoles,
} from "@orders/settings";
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
  const clusterExists = hasCluster(paths);
  const kept = await keptFileOf(paths.passwordFile, clusterExists);
  if (kept !== undefined) return { password: kept.trim() };
  const password = generatedPassword();
  await writePrivateFile(paths.passwordFile, `${password}\n`);
  return clusterExists ? { password, previous: fixedPasswordOfOlderClusters } : { password };
}

/**
 * The service roles' passwords of the data folder's cluster, the same way: those in its file for a kept
 * cluster; new random ones (a new file, mode 0600, never through a planted link) for a new cluster, or for a
 * kept cluster that has no file yet. dev:db sets them on the roles at every start, so new ones hold at once.
 * A file that is a link, another user's, readable by others, or without a password for every service is
 * refused.
 */
export async function devDbServicePasswords(paths: DevDbPaths): Promise<Record<ServiceName, string>> {
  const file = paths.servicePasswordsFile;
  const kept = await keptFileOf(file, hasCluster(paths));
  if (kept !== undefined) return parseLocalServicePasswords(kept, file);
  const services = Object.keys(serviceRoles) as ServiceName[];
  const passwords = Object.fromEntries(services.map((service) => [service, generatedPassword()])) as Record<
    ServiceName,
    string
  >;
  await writePrivateFile(file, formatLocalServicePasswords(passwords));
  return passwords;
}

function hasCluster(paths: DevDbPaths): boolean {
  return existsSync(join(paths.clusterDir, "data", "PG_VERSION"));
}

/**
 * A kept cluster's password file's text (undefined when it has none yet). Without a cluster (removed by hand,
 * or initdb failed) the file is removed: a new cluster gets new passwords.
 */
async function keptFileOf(file: string, clusterExists: boolean): Promise<string | undefined> {
  if (!clusterExists) {
    await rm(file, { force: true });
    return undefined;
  }
  return await readPrivateFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
}

/** 24 random bytes, base64url: letters, digits, `-` and `_` only, so safe in a URL and an SQL literal. */
function generatedPassword(): string {
  return randomBytes(24).toString("base64url");
}
