import { execFileSync } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-server";
import {
  contentHash,
  installDir,
  packagedBinaries,
  reachableBinaries,
  type ServerBinaries,
  sharedCopy,
} from "./server-binaries";
import { isRoot, serverRunAs } from "./system-user";

/** A checkout in a private (0700) directory, like one under `/root` or in `mktemp -d`. */
let privateDir: string;
let privateBinaries: ServerBinaries;

beforeAll(async () => {
  privateDir = await mkdtemp(join(tmpdir(), "orders-private-checkout-"));
  expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
  const packaged = await packagedBinaries();
  const native = join(privateDir, "node_modules", "native");
  await mkdir(native, { recursive: true });
  await cp(installDir(packaged), native, { recursive: true, verbatimSymlinks: true });
  privateBinaries = {
    initdb: join(native, relative(installDir(packaged), packaged.initdb)),
    postgres: join(native, relative(installDir(packaged), packaged.postgres)),
  };
}, 60_000);
afterAll(async () => {
  await rm(privateDir, { recursive: true, force: true });
});

describe("a PostgreSQL install in a private directory", { timeout: 60_000 }, () => {
  it("serves queries, as root (run as `postgres`) and as a normal user", async () => {
    const server = await startEmbeddedPostgres({ binaries: privateBinaries });
    try {
      const sql = postgres(server.url(), { max: 1 });
      const [row] = await sql<{ version: string; user: string }[]>`
        select current_setting('server_version') as version, current_user as user`;
      await sql.end();
      expect(row).toEqual({ version: expect.stringMatching(/^17\./), user: "postgres" });
    } finally {
      await server.stop();
    }
  });

  it("is run from a shared copy only when the server's user cannot reach it", async () => {
    const used = await reachableBinaries(privateBinaries, serverRunAs());
    if (isRoot) {
      expect(used.postgres.startsWith(privateDir)).toBe(false);
      expect(used.postgres.startsWith(tmpdir())).toBe(true);
      // The copy is the same install, byte for byte, and the server's user can run it.
      expect(await contentHash(installDir(used))).toBe(await contentHash(installDir(privateBinaries)));
      const version = execFileSync("runuser", ["-u", "postgres", "--", used.postgres, "--version"], {
        encoding: "utf8",
      });
      expect(version).toMatch(/PostgreSQL\) 17\./);
    } else {
      expect(used).toEqual(privateBinaries);
    }
  });
});

describe("the shared copy", { timeout: 60_000 }, () => {
  it("is made once when many processes ask at the same time, and complete", async () => {
    const source = await mkdtemp(join(tmpdir(), "orders-copy-source-"));
    await mkdir(join(source, "bin"));
    await writeFile(join(source, "bin", "tool"), `#!/bin/sh\necho ${source}\n`, { mode: 0o700 });
    await writeFile(join(source, "data.txt"), "x".repeat(100_000), { mode: 0o600 });
    try {
      const copies = await Promise.all(Array.from({ length: 6 }, () => sharedCopy(source)));
      expect(new Set(copies).size).toBe(1);
      const copy = copies[0] as string;
      try {
        expect(await contentHash(copy)).toBe(await contentHash(source));
        // Readable and executable by every user, writable only by its owner.
        expect((await stat(copy)).mode & 0o777).toBe(0o755);
        expect((await stat(join(copy, "bin", "tool"))).mode & 0o777).toBe(0o755);
        expect((await stat(join(copy, "data.txt"))).mode & 0o777).toBe(0o644);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    } finally {
      await rm(source, { recursive: true, force: true });
    }
  });

  it("refuses a directory someone else could have planted at its name", async () => {
    const source = await mkdtemp(join(tmpdir(), "orders-copy-source-"));
    await writeFile(join(source, "file"), "content");
    const planted = join(tmpdir(), `orders-postgres-${await contentHash(source)}`);
    await mkdir(planted);
    await writeFile(join(planted, "file"), "planted");
    await chmod(planted, 0o777);
    try {
      await expect(sharedCopy(source)).rejects.toThrow(/not a root-owned directory only root can write/);
    } finally {
      await rm(planted, { recursive: true, force: true });
      await rm(source, { recursive: true, force: true });
    }
  });
});
