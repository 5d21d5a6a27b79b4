import { mkdir, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { isRoot, postgresSystemUser } from "@orders/local-postgres";

/**
 * The cluster's own folder inside the data folder. `--reset` removes only this one, never the folder the
 * user named (which may hold other things); a later PostgreSQL major gets a folder of its own.
 */
export const clusterFolderName = "postgres-17";

/**
 * Makes the data folder ready and returns the cluster folder in it: removed first on `reset`, created when
 * missing. As root, PostgreSQL runs as the `postgres` user, so every folder on the way must let it through;
 * a folder it cannot reach fails here with what to do, instead of as an `initdb` permission error.
 */
export async function prepareDevDbDataDir(dataDir: string, options: { reset: boolean }): Promise<string> {
  const clusterDir = join(resolve(dataDir), clusterFolderName);
  if (options.reset) await rm(clusterDir, { recursive: true, force: true });
  await mkdir(dirname(clusterDir), { recursive: true, mode: 0o755 });
  if (isRoot) {
    const owner = postgresSystemUser();
    // Without the user, the server start creates it; it gets no special access to anything then.
    const blocked = await firstBlockedFolder(dirname(clusterDir), owner ?? { uid: -1, gid: -1 });
    if (blocked) {
      throw new Error(
        `the postgres system user cannot reach ${blocked} (PostgreSQL refuses to run as root, so it runs as ` +
          "postgres): choose a data folder it can reach with --data-dir or DEV_DB_DATA_DIR",
      );
    }
  }
  return clusterDir;
}

/** The first folder from the root down that `ids` may not traverse (search permission), or undefined. */
async function firstBlockedFolder(
  folder: string,
  ids: { uid: number; gid: number },
): Promise<string | undefined> {
  const chain: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const path of chain) {
    const { mode, uid, gid } = await stat(path);
    const bit = uid === ids.uid ? 0o100 : gid === ids.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return path;
  }
  return undefined;
}
