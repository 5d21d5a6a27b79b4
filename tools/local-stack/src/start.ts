/**
 * `npm start`: the whole platform on this machine, no AWS account, no Docker. Ctrl-C stops the services, the
 * emulator and PostgreSQL (and removes PostgreSQL's temporary data directory).
 *
 * A launcher: the stack runs in a child process with a process group of its own. Ctrl-C in a terminal
 * signals the whole foreground group, and embedded PostgreSQL is a plain child of the stack: it would get
 * the signal too and shut down before the worker had finished its batches. Here only this launcher gets
 * it, and asks the stack to stop in order (services, then the emulator, then PostgreSQL).
 */
import { spawn } from "node:child_process";
import { repoPath, repoRoot } from "./repo-paths";

const stack = spawn(process.execPath, ["--import", "tsx", repoPath("tools/local-stack/src/stack-main.ts")], {
  cwd: repoRoot,
  detached: true,
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});

let stopAskedAt: number | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopAskedAt === undefined) {
      stopAskedAt = Date.now();
      stack.kill("SIGTERM");
    } else if (Date.now() - stopAskedAt > 1_000) {
      // (`npm start` relays the terminal's Ctrl-C too, so one key press can arrive twice: stay quiet then.)
      console.log("still stopping: services get up to 10 s to finish their work...");
    }
  });
}

stack.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
