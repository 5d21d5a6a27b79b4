import { type ChildProcess, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { repoRoot } from "./repo-paths";

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildService {
  name: string;
  pid: number;
  /** Settles when the process has exited (for any reason). */
  exited: Promise<ChildExit>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<ChildExit>;
}

export interface SpawnServiceOptions {
  name: string;
  /** TypeScript entry file, run by the same Node as this process with the tsx loader. */
  entry: string;
  env: Record<string, string | undefined>;
  stdout: (stream: Readable) => void;
  stderr: (stream: Readable) => void;
}

/**
 * Starts one service as a child process: `node --import tsx <entry>` (the repo's Node 24, no `npx` layer in
 * between, so signals reach the service itself).
 *
 * The child gets its own process group (`detached`), so Ctrl-C in the terminal reaches only the stack, which
 * then stops each child exactly once, in order, with SIGTERM to the child's group (tsx's helper processes
 * included). Without that, every child would get the terminal's SIGINT and the stack's SIGTERM as well.
 */
export function spawnService(options: SpawnServiceOptions): ChildService {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", options.entry], {
    cwd: repoRoot,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  const pid = child.pid;
  if (child.stdout) options.stdout(child.stdout);
  if (child.stderr) options.stderr(child.stderr);

  let exit: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.once("error", () => {
      exit = { code: 1, signal: null };
      resolve(exit);
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };

  return {
    name: options.name,
    pid,
    exited,
    hasExited: () => exit !== undefined,
    stop: async (graceMs = 10_000) => {
      if (exit) return exit;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
