import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { type FileHandle, lstat, mkdir, open } from "node:fs/promises";

/**
 * Checks for paths a local server's tooling writes to or trusts, which may run as root on a machine other users
 * share. Another user who owns a folder on the way, or plants a symbolic link in it, could otherwise make a
 * root process overwrite, chown or read any file. Only node: built-ins here: infra reads a password file with
 * them under `sst dev`.
 */

/** A path refused because someone other than this user could have put it there or could change it. */
export class UnsafePathError extends Error {
  override name = "UnsafePathError";
}

/** The user this process runs as (-1 where the platform has no uids: no owner check is possible there). */
export function currentUid(): number {
  return process.getuid?.() ?? -1;
}

/** A numeric user id, as `chown` takes it. */
export interface Owner {
  uid: number;
  gid: number;
}

export interface DirectoryRule {
  /** Who may own it (default: this user only). */
  owners?: readonly number[];
  /** Refuse any group or other permission (0700), not only group and other write (0755 is fine otherwise). */
  privateMode?: boolean;
}

/**
 * Refuses `path` unless it is a real directory (a symbolic link is refused, never followed), owned by one of
 * `owners`, that no one else may write to (or, with `privateMode`, enter). Returns false when it does not
 * exist, so the caller can create it.
 */
export async function checkOwnDirectory(path: string, rule: DirectoryRule = {}): Promise<boolean> {
  const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stat) return false;
  if (stat.isSymbolicLink()) {
    throw new UnsafePathError(
      `${path} is a symbolic link: refusing to follow it (remove it, or choose another path)`,
    );
  }
  if (!stat.isDirectory()) throw new UnsafePathError(`${path} is not a directory`);
  refuseForeign(path, stat, rule.owners ?? [currentUid()], rule.privateMode ? 0o077 : 0o022);
  return true;
}

/** Whether `path` passes checkOwnDirectory (false when missing or refused). */
export async function isOwnDirectory(path: string, rule: DirectoryRule = {}): Promise<boolean> {
  return await checkOwnDirectory(path, rule).catch(() => false);
}

/**
 * A directory only this user can enter: created 0700 when missing (its parent must exist), and when it was
 * already there, refused unless it is a real directory of this user's with mode 0700. Another user may create
 * a predictable name under a shared folder (the OS temp dir) first; this is where that is caught.
 */
export async function ensurePrivateDirectory(path: string): Promise<string> {
  await mkdir(path, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await checkOwnDirectory(path, { privateMode: true });
  return path;
}

/** ensurePrivateDirectory for code that hands out a path synchronously: the same creation and checks. */
export function ensurePrivateDirectorySync(path: string): string {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) {
    throw new UnsafePathError(
      `${path} is a symbolic link: refusing to follow it (remove it, or choose another path)`,
    );
  }
  if (!stat.isDirectory()) throw new UnsafePathError(`${path} is not a directory`);
  refuseForeign(path, stat, [currentUid()], 0o077);
  return path;
}

/**
 * Creates `path` as a new file only its owner can read (0600) and writes `content`: never through a symbolic
 * link (O_NOFOLLOW) and never over an existing file (O_EXCL), so a name planted in the directory fails instead
 * of redirecting the write. `owner` hands the file to another user (the server's) through the open handle, so
 * the chown cannot be redirected either.
 */
export async function writePrivateFile(path: string, content: string, owner?: Owner): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(path, flags, 0o600).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EEXIST" || error.code === "ELOOP") {
      throw new UnsafePathError(
        `${path} already exists (${error.code}): refusing to write through or over it`,
      );
    }
    throw error;
  });
  try {
    await handle.writeFile(content);
    if (owner) await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file written by writePrivateFile: refused when it is a symbolic link, not a regular file, owned by
 * someone else, or readable by anyone but its owner.
 */
export async function readPrivateFile(path: string): Promise<string> {
  const handle: FileHandle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ELOOP") {
        throw new UnsafePathError(`${path} is a symbolic link: refusing to follow it (remove it)`);
      }
      throw error;
    },
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UnsafePathError(`${path} is not a regular file`);
    refuseForeign(path, stat, [currentUid()], 0o077);
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

/** readPrivateFile for code that must answer synchronously (infra's program under `sst dev`). */
export function readPrivateFileSync(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") {
      throw new UnsafePathError(`${path} is a symbolic link: refusing to follow it (remove it)`);
    }
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnsafePathError(`${path} is not a regular file`);
    refuseForeign(path, stat, [currentUid()], 0o077);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

function refuseForeign(
  path: string,
  stat: { uid: number; mode: number },
  owners: readonly number[],
  forbidden: number,
) {
  const uid = currentUid();
  if (uid === -1) return;
  if (!owners.includes(stat.uid)) {
    throw new UnsafePathError(
      `${path} belongs to uid ${stat.uid}, not to this user (uid ${uid}): refusing to use what another user controls`,
    );
  }
  if ((stat.mode & forbidden) !== 0) {
    throw new UnsafePathError(
      `${path} is open to other users (mode ${(stat.mode & 0o777).toString(8).padStart(4, "0")}): ` +
        `expected no ${forbidden === 0o077 ? "group or other permission" : "group or other write permission"}`,
    );
  }
}
