import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root (bench/src/harness → ../../..). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs another project's TypeScript script with `tsx` from the repository root (so the pinned Node runs it),
 * passing each output line to `onLine`. Resolves with the exit code and every line.
 */
export async function runTsxScript(
  script: string,
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<{ code: number; lines: string[] }> {
  const child = spawn("npx", ["tsx", script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let pending = "";
  const onChunk = (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      onLine(line);
    }
  };
  child.stdout.on("data", onChunk);
  child.stderr.on("data", onChunk);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (pending) {
    lines.push(pending);
    onLine(pending);
  }
  return { code, lines };
}
