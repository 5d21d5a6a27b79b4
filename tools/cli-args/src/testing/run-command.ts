import { spawnSync } from "node:child_process";

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point as its npm script does (`node --import tsx <file> ...args`) and waits for it:
 * the real process, so exit statuses and which stream the text went to are what a user sees.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): CommandRun {
  const result = spawnSync(process.execPath, ["--import", "tsx", file, ...args], {
    encoding: "utf8",
    env: options.env ?? process.env,
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
