import { execFileSync } from "node:child_process";
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkOwnDirectory,
  ensurePrivateDirectory,
  readPrivateFile,
  readPrivateFileSync,
  UnsafePathError,
  writePrivateFile,
} from "./private-paths";
import { isRoot } from "./system-user";

const nobody = {
  uid: Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" })),
  gid: Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" })),
};

let dir: string;
/** A file only its owner may touch, standing for a root-only file a planted link points at. */
let victim: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "orders-private-paths-"));
  victim = join(dir, "victim");
  await writeFile(victim, "original\n", { mode: 0o600 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A directory another user owns: as root, one chowned to `nobody`; as a normal user, `/` (root's), which
 * this user cannot chown anything to.
 */
async function foreignDirectory(): Promise<string> {
  if (!isRoot) return "/";
  const path = join(dir, "foreign");
  await mkdir(path, { mode: 0o700 });
  await chown(path, nobody.uid, nobody.gid);
  return path;
}

describe("checkOwnDirectory", () => {
  it("accepts this user's directory and says when there is none", async () => {
    expect(await checkOwnDirectory(dir)).toBe(true);
    expect(await checkOwnDirectory(join(dir, "missing"))).toBe(false);
  });

  it("refuses a symbolic link, even to a directory of this user's", async () => {
    await symlink(dir, join(dir, "link"));
    await expect(checkOwnDirectory(join(dir, "link"))).rejects.toThrow(/link is a symbolic link: refusing/);
  });

  it("refuses a directory another user owns", async () => {
    const foreign = await foreignDirectory();
    await expect(checkOwnDirectory(foreign)).rejects.toThrow(/belongs to uid \d+, not to this user/);
  });

  it("refuses one others may write to, and with privateMode one they may enter", async () => {
    const open = join(dir, "open");
    await mkdir(open);
    await chmod(open, 0o777);
    await expect(checkOwnDirectory(open)).rejects.toThrow(/open to other users \(mode 0777\)/);
    await chmod(open, 0o755);
    expect(await checkOwnDirectory(open)).toBe(true);
    await expect(checkOwnDirectory(open, { privateMode: true })).rejects.toThrow(/mode 0755/);
  });
});

describe("ensurePrivateDirectory", () => {
  it("creates a 0700 directory, and accepts it again", async () => {
    const path = join(dir, "mine");
    await ensurePrivateDirectory(path);
    expect((await lstat(path)).mode & 0o777).toBe(0o700);
    await ensurePrivateDirectory(path);
  });

  it("refuses a name another user created first", async () => {
    const foreign = await foreignDirectory();
    await expect(ensurePrivateDirectory(foreign)).rejects.toThrow(UnsafePathError);
  });

  it("refuses a planted link instead of following it", async () => {
    await symlink(dir, join(dir, "planted"));
    await expect(ensurePrivateDirectory(join(dir, "planted"))).rejects.toThrow(/symbolic link/);
  });
});

describe("writePrivateFile and readPrivateFile", () => {
  it("write a 0600 file and read it back", async () => {
    const path = join(dir, "secret");
    await writePrivateFile(path, "s3cret\n");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readPrivateFile(path)).toBe("s3cret\n");
  });

  it("never write through a planted link, nor change its target's owner", async () => {
    const planted = join(dir, "superuser-password");
    await symlink(victim, planted);
    const before = await stat(victim);
    await expect(writePrivateFile(planted, "pw\n", nobody)).rejects.toThrow(/already exists \(EEXIST\)/);
    expect(await readFile(victim, "utf8")).toBe("original\n");
    expect((await stat(victim)).uid).toBe(before.uid);
  });

  it("never write over an existing file", async () => {
    await expect(writePrivateFile(victim, "pw\n")).rejects.toThrow(UnsafePathError);
    expect(await readFile(victim, "utf8")).toBe("original\n");
  });

  it("refuse to read through a link, a file others may read, or another user's file", async () => {
    const sync = async (path: string) => readPrivateFileSync(path);
    for (const read of [readPrivateFile, sync]) {
      expect(await read(victim)).toBe("original\n");
      await rm(join(dir, "link"), { force: true });
      await symlink(victim, join(dir, "link"));
      await expect(read(join(dir, "link"))).rejects.toThrow(/symbolic link/);
      await chmod(victim, 0o644);
      await expect(read(victim)).rejects.toThrow(/mode 0644/);
      await chmod(victim, 0o600);
    }
    if (isRoot) {
      await chown(victim, nobody.uid, nobody.gid);
      await expect(readPrivateFile(victim)).rejects.toThrow(/belongs to uid 65534/);
      expect(() => readPrivateFileSync(victim)).toThrow(/belongs to uid 65534/);
    } else {
      // A normal user meets another user's file as one it cannot open at all.
      await expect(readPrivateFile("/etc/shadow")).rejects.toThrow();
    }
  });
});
