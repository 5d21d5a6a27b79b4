import { spawn } from "node:child_process";
import { repoRoot } from "./repo-paths";

/**
 * Runs a TypeScript entry point in a child process with a process group of its own and waits for it,
 * exiting with its code. Ctrl-C in a terminal signals the whole foreground group, and the servers the
 * entry starts (embedded PostgreSQL, PgBouncer) are plain children of it: they would get the signal too and
 * shut down on their own, in no particular order, under clients still connected. Here only this launcher
 * gets the signal and asks the child to stop, which stops its servers in order.
 */
export function runInOwnProcessGroup(
  entry: string,
  options: { args?: string[]; stillStopping?: string } = {},
) {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...(options.args ?? [])], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopAskedAt: number | undefined;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopAskedAt === undefined) {
        stopAskedAt = Date.now();
        child.kill("SIGTERM");
      } else if (Date.now() - stopAskedAt > 1_000 && options.stillStopping) {
        // (`npm run` relays the terminal's Ctrl-C too, so one key press can arrive twice: stay quiet then.)
        console.log(options.stillStopping);
      }
    });
  }
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}
