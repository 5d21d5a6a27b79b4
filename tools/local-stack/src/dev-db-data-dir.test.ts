import { execFileSync } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "@orders/cli-args/testing";
import { findFreePort, isRoot, postgresSystemUser } from "@orders/local-postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clusterFolderName,
  prepareDevDbDataDir,
  servicePasswordsFile,
  superuserPasswordFile,
} from "./dev-db-data-dir";
import {
  devDbServicePasswords,
  devDbSuperuserPassword,
  fixedPasswordOfOlderClusters,
} from "./dev-db-password";
import { repoPath } from "./repo-paths";

const nobody = {
  uid: Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" })),
  gid: Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" })),
};

let scratch: string;
let dataDir: string;
/** A file only its owner may touch, standing for a root-only file a planted link points at. */
let victim: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "orders-dev-db-dir-"));
  await chmod(scratch, 0o755);
  dataDir = join(scratch, "data");
  victim = join(scratch, "victim");
  await writeFile(victim, "original\n", { mode: 0o600 });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function victimUntouched(): Promise<void> {
  expect(await readFile(victim, "utf8")).toBe("original\n");
  expect((await stat(victim)).uid).toBe(process.getuid?.());
}

/** A kept cluster as far as the password is concerned: its data folder holds PG_VERSION. */
async function keptCluster(): Promise<string> {
  const clusterDir = join(dataDir, clusterFolderName);
  await mkdir(join(clusterDir, "data"), { recursive: true });
  await writeFile(join(clusterDir, "data", "PG_VERSION"), "17\n");
  return clusterDir;
}

describe("the data folder of npm run dev:db", () => {
  it("is created when missing, with the cluster folder and password file inside it", async () => {
    expect(await prepareDevDbDataDir(dataDir, { reset: false })).toEqual({
      clusterDir: join(dataDir, clusterFolderName),
      passwordFile: join(dataDir, "superuser-password"),
      servicePasswordsFile: join(dataDir, "service-passwords"),
    });
    expect((await stat(dataDir)).isDirectory()).toBe(true);
  });

  it("is refused when it is a symbolic link", async () => {
    await mkdir(join(scratch, "real"));
    await symlink(join(scratch, "real"), dataDir);
    await expect(prepareDevDbDataDir(dataDir, { reset: false })).rejects.toThrow(
      `${dataDir} is a symbolic link: refusing to follow it`,
    );
  });

  // Planting another user's folder takes root (chown); CI runs as root. The same check refuses a normal
  // user's foreign folder in @orders/local-postgres's tests.
  it.runIf(isRoot)(
    "is refused when another user owns it, or owns the kept cluster folder in it",
    async () => {
      await mkdir(dataDir);
      await chown(dataDir, nobody.uid, nobody.gid);
      await expect(prepareDevDbDataDir(dataDir, { reset: false })).rejects.toThrow(
        `${dataDir} belongs to uid ${nobody.uid}, not to this user`,
      );
      await chown(dataDir, 0, 0);
      const clusterDir = await keptCluster();
      await chown(clusterDir, nobody.uid, nobody.gid);
      await expect(prepareDevDbDataDir(dataDir, { reset: false })).rejects.toThrow(
        /postgres-17 belongs to uid 65534, not to this user .*`npm run dev:db -- --reset` starts over/,
      );
    },
  );

  it("is refused when others may write to it", async () => {
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    await expect(prepareDevDbDataDir(dataDir, { reset: false })).rejects.toThrow(/open to other users/);
  });

  it("makes npm run dev:db stop with the reason, before anything starts", async () => {
    await symlink(scratch, dataDir);
    const ports = [await findFreePort(), await findFreePort()].map(String) as [string, string];
    const args = ["--port", ports[0], "--chain-port", ports[1], "--data-dir", dataDir];
    const run = runCommand(repoPath("tools/local-stack/src/dev-db.ts"), args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`dev:db: the local database could not start: ${dataDir} is a symbolic link`);
  });
});

describe("the superuser's password of npm run dev:db", () => {
  it("is generated for a new cluster into a 0600 file of this user's, and kept with the cluster", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const first = await devDbSuperuserPassword(paths);
    expect(first.password).toMatch(/^[\w-]{32}$/);
    expect(first.previous).toBeUndefined();
    const { mode, uid } = await stat(paths.passwordFile);
    expect({ mode: mode & 0o777, uid }).toEqual({ mode: 0o600, uid: process.getuid?.() });
    expect((await readFile(paths.passwordFile, "utf8")).trim()).toBe(first.password);

    await keptCluster();
    expect(await devDbSuperuserPassword(paths)).toEqual({ password: first.password });
  });

  it("is new for every new cluster, even when a file is left", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const first = await devDbSuperuserPassword(paths);
    expect((await devDbSuperuserPassword(paths)).password).not.toBe(first.password);
  });

  it("replaces the fixed one of a cluster made before passwords were generated", async () => {
    await keptCluster();
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const result = await devDbSuperuserPassword(paths);
    expect(result.previous).toBe(fixedPasswordOfOlderClusters);
    expect(result.password).not.toBe(fixedPasswordOfOlderClusters);
  });

  it("never writes through a link planted where the file goes", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    await symlink(victim, paths.passwordFile);
    // A new cluster: the planted name is removed (a link, not what it points to) and a new file made.
    await devDbSuperuserPassword(paths);
    await victimUntouched();
    expect((await stat(paths.passwordFile)).mode & 0o777).toBe(0o600);
  });

  it("is never read through a planted link, nor from a file others may read", async () => {
    await keptCluster();
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    await symlink(victim, paths.passwordFile);
    await expect(devDbSuperuserPassword(paths)).rejects.toThrow(/superuser-password is a symbolic link/);
    await victimUntouched();
    await rm(paths.passwordFile);
    await writeFile(paths.passwordFile, "known\n", { mode: 0o644 });
    await chmod(paths.passwordFile, 0o644);
    await expect(devDbSuperuserPassword(paths)).rejects.toThrow(/open to other users \(mode 0644\)/);
  });

  it.runIf(isRoot)(
    "--reset removes a cluster folder the postgres user owns, never what a link in it points to",
    async () => {
      const server = postgresSystemUser();
      if (!server) throw new Error("no postgres system user on this machine");
      const clusterDir = await keptCluster();
      const kept = join(scratch, "kept");
      await mkdir(kept);
      await writeFile(join(kept, "file"), "kept\n");
      await symlink(kept, join(clusterDir, "data", "planted"));
      for (const path of [clusterDir, join(clusterDir, "data"), join(clusterDir, "data", "PG_VERSION")]) {
        await chown(path, server.uid, server.gid);
      }
      await prepareDevDbDataDir(dataDir, { reset: true });
      await expect(stat(clusterDir)).rejects.toThrow(/ENOENT/);
      expect(await readFile(join(kept, "file"), "utf8")).toBe("kept\n");
    },
  );

  it("is thrown away with --reset, the cluster and the service passwords with it", async () => {
    const clusterDir = await keptCluster();
    const file = superuserPasswordFile(dataDir);
    const services = servicePasswordsFile(dataDir);
    await writeFile(file, "old\n", { mode: 0o600 });
    await writeFile(services, "{}\n", { mode: 0o600 });
    await prepareDevDbDataDir(dataDir, { reset: true });
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    await expect(stat(services)).rejects.toThrow(/ENOENT/);
    await expect(stat(clusterDir)).rejects.toThrow(/ENOENT/);
  });
});

describe("the service roles' passwords of npm run dev:db", () => {
  it("are generated for a new cluster into a 0600 file of this user's, and kept with the cluster", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const first = await devDbServicePasswords(paths);
    const values = Object.values(first);
    expect(Object.keys(first).sort()).toEqual(["api", "reporting", "reportingHttp", "worker"]);
    for (const password of values) expect(password).toMatch(/^[\w-]{32}$/);
    expect(new Set(values).size).toBe(values.length);
    const { mode, uid } = await stat(paths.servicePasswordsFile);
    expect({ mode: mode & 0o777, uid }).toEqual({ mode: 0o600, uid: process.getuid?.() });
    expect(JSON.parse(await readFile(paths.servicePasswordsFile, "utf8"))).toEqual(first);

    await keptCluster();
    expect(await devDbServicePasswords(paths)).toEqual(first);
  });

  it("are new for every new cluster, even when a file is left", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const first = await devDbServicePasswords(paths);
    const second = await devDbServicePasswords(paths);
    for (const [service, password] of Object.entries(second)) {
      expect(password).not.toBe(first[service as keyof typeof first]);
    }
  });

  it("are generated for a kept cluster that has no file yet (made when they were fixed)", async () => {
    await keptCluster();
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    const generated = await devDbServicePasswords(paths);
    expect(generated.api).toMatch(/^[\w-]{32}$/);
    expect(await devDbServicePasswords(paths)).toEqual(generated);
  });

  it("are never written through a link planted where the file goes", async () => {
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    await symlink(victim, paths.servicePasswordsFile);
    await devDbServicePasswords(paths);
    await victimUntouched();
    expect((await stat(paths.servicePasswordsFile)).mode & 0o777).toBe(0o600);
  });

  it("are never read through a planted link, from a file others may read, or from a damaged file", async () => {
    await keptCluster();
    const paths = await prepareDevDbDataDir(dataDir, { reset: false });
    await symlink(victim, paths.servicePasswordsFile);
    await expect(devDbServicePasswords(paths)).rejects.toThrow(/service-passwords is a symbolic link/);
    await victimUntouched();
    await rm(paths.servicePasswordsFile);
    await writeFile(paths.servicePasswordsFile, "{}\n", { mode: 0o644 });
    await chmod(paths.servicePasswordsFile, 0o644);
    await expect(devDbServicePasswords(paths)).rejects.toThrow(/open to other users \(mode 0644\)/);
    await chmod(paths.servicePasswordsFile, 0o600);
    await expect(devDbServicePasswords(paths)).rejects.toThrow(/service-passwords has no password for api/);
  });
});
