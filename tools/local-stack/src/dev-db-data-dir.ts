import { execFile } from "node:child_process";
import { lstat, mkdir, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { checkOwnDirectory, isRoot, postgresSystemUser } from "@orders/local-postgres";
import { localDevDatabase } from "@orders/settings";

/**
 * The cluster's own folder inside the data folder. `--reset` removes only this one (and the password files
 * beside it), never the folder the user named (which may hold other things); a later
 * PostgreSQL major gets a folder of its own.
 */
export const clusterFolderName = "postgres-17";

/** Where `npm run dev:db` keeps a data folder's cluster and its passwords. */
export interface DevDbPaths {
  clusterDir: string;
  /** The superuser's password. */
  passwordFile: string;
  /** The service roles' passwords. */
  servicePasswordsFile: string;
}

/** The superuser's password file of a data folder (what `sst dev` reads). */
export function superuserPasswordFile(dataDir: string): string {
  return join(resolve(dataDir), localDevDatabase.superuserPasswordFile);
}

/** The service roles' password file of a data folder (what `sst dev` reads). */
export function servicePasswordsFile(dataDir: string): string {
  return join(resolve(dataDir), localDevDatabase.servicePasswordsFile);
}

/**
 * Makes the data folder ready: the cluster and password files removed first on `reset`, the folder created
 * when missing. The data folder and a kept cluster folder must be real directories of this user's that no one
 * else can write to: as root, a link or a folder another user prepared there could redirect what this run
 * writes. As root, PostgreSQL runs as the `postgres` user, so every folder on the way must let it through;
 * a folder it cannot reach fails here with what to do, instead of as an `initdb` permission error.
 */
export async function prepareDevDbDataDir(dataDir: string, options: { reset: boolean }): Promise<DevDbPaths> {
  const folder = resolve(dataDir);
  const clusterDir = join(folder, clusterFolderName);
  const passwordFile = superuserPasswordFile(folder);
  const servicePasswords = servicePasswordsFile(folder);
  if (!(await checkOwnDirectory(folder))) {
    await mkdir(folder, { recursive: true, mode: 0o755 });
    await checkOwnDirectory(folder);
  }
  if (options.reset) {
    await removeCluster(clusterDir);
    await rm(passwordFile, { force: true });
    await rm(servicePasswords, { force: true });
  }
  await checkOwnDirectory(clusterDir).catch((error: Error) => {
    throw new Error(`${error.message}; \`npm run dev:db -- --reset\` starts over with a new cluster`);
  });
  if (isRoot) {
    const owner = postgresSystemUser();
    // Without the user, the server start creates it; it gets no special access to anything then.
    const blocked = await firstBlockedFolder(folder, owner ?? { uid: -1, gid: -1 });
    if (blocked) {
      throw new Error(
        `the postgres system user cannot reach ${blocked} (PostgreSQL refuses to run as root, so it runs as ` +
          "postgres): choose a data folder it can reach with --data-dir or DEV_DB_DATA_DIR",
      );
    }
  }
  return { clusterDir, passwordFile, servicePasswordsFile: servicePasswords };
}

/**
 * Removes a cluster folder. As root, what the server's user owns in it (`data/`, or the whole folder as an
 * older run left it) is emptied by that user first: a link it planted there can then reach only what it could
 * delete anyway, instead of racing a root `rm -r` between its checks and its unlinks. The rest, ours, goes
 * after (removing a link removes the link only).
 */
async function removeCluster(clusterDir: string): Promise<void> {
  const server = isRoot ? postgresSystemUser() : undefined;
  if (server) {
    for (const path of [clusterDir, join(clusterDir, "data")]) {
      const stat = await lstat(path).catch(() => undefined);
      if (stat?.isDirectory() && stat.uid === server.uid) {
        // find -P (the default) never follows a link; -delete removes depth first.
        await run("find", [path, "-mindepth", "1", "-delete"], server);
        break;
      }
    }
  }
  await rm(clusterDir, { recursive: true, force: true });
}

function run(program: string, args: string[], as: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { uid: as.uid, gid: as.gid }, (error, _stdout, stderr) =>
      error
        ? reject(new Error(`${program} ${args.join(" ")} failed: ${stderr || error.message}`))
        : resolve(),
    );
  });
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
