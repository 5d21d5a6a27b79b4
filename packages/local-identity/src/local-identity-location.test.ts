import { execFileSync } from "node:child_process";
import { chmod, chown, lstat, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { currentUid, isRoot } from "@orders/local-postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountsFileFor } from "./local-identity-location";

const nobody = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }));

/** A stand-in for the shared OS temp dir, where anyone may create the predictable name first. */
let shared: string;
let predictable: string;

beforeEach(async () => {
  shared = await mkdtemp(join(tmpdir(), "orders-identity-location-"));
  await chmod(shared, 0o1777);
  predictable = join(shared, `serverless-orders-identity-${currentUid()}`);
});
afterEach(async () => {
  await rm(shared, { recursive: true, force: true });
});

describe("the local provider's accounts file", () => {
  it("sits in a directory of this user's that only it can enter, created on first use", async () => {
    const file = accountsFileFor(3002, shared);
    expect(file).toBe(join(predictable, "3002", "accounts.json"));
    const stat = await lstat(dirname(dirname(file)));
    expect({ directory: stat.isDirectory(), uid: stat.uid, mode: stat.mode & 0o777 }).toEqual({
      directory: true,
      uid: currentUid(),
      mode: 0o700,
    });
    expect(accountsFileFor(3002, shared)).toBe(file);
  });

  // Planting another user's directory takes root (chown); CI runs as root. A normal user's refusal of a
  // foreign directory is the same check, tested in @orders/local-postgres with root's `/`.
  it.runIf(isRoot)("is refused when another user created the directory first", async () => {
    await mkdir(predictable, { mode: 0o700 });
    await chown(predictable, nobody, nobody);
    expect(() => accountsFileFor(3002, shared)).toThrow(/belongs to uid 65534, not to this user/);
  });

  it("is refused when the name is a link, even to a private directory", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "orders-identity-elsewhere-"));
    try {
      await symlink(elsewhere, predictable);
      expect(() => accountsFileFor(3002, shared)).toThrow(/is a symbolic link: refusing to follow it/);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it("is refused when the directory is open to other users", async () => {
    await mkdir(predictable, { mode: 0o755 });
    await chmod(predictable, 0o755);
    expect(() => accountsFileFor(3002, shared)).toThrow(/open to other users \(mode 0755\)/);
  });
});
