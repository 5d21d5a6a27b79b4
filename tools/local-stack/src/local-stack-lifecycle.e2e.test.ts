import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { findFreePort, isListening } from "@orders/local-postgres";
import { describe, expect, it } from "vitest";
import { startLocalStack } from "./local-stack";
import { repoPath, repoRoot } from "./repo-paths";
import { servicePlan } from "./service-plan";

async function ports() {
  return {
    apiPort: await findFreePort(),
    reportingPort: await findFreePort(),
    sqsPort: await findFreePort(),
  };
}

/** The embedded PostgreSQL's port, from the stack's log line. */
function postgresPort(output: string): number {
  const port = output.match(/PostgreSQL 17 \(embedded\) on 127\.0\.0\.1:(\d+)/)?.[1];
  if (!port) throw new Error(`no PostgreSQL port in the output:\n${output}`);
  return Number(port);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const run = promisify(execFile);

describe("local stack lifecycle", () => {
  it("skips a service without an entry file, and stops everything when one crashes during start-up", async () => {
    const { apiPort, reportingPort, sqsPort } = await ports();
    const output: string[] = [];
    const attempt = startLocalStack({
      config: { apiPort, reportingPort, sqsPort, reportingScheduleSeconds: 3600, identityPort: 0 },
      colour: false,
      write: (line) => output.push(line),
      plan: (input) => [
        ...servicePlan(input).filter((s) => s.name === "api"),
        { name: "unbuilt", entry: "apps/not-yet/src/local.ts", role: "reporting", env: {} },
        {
          name: "crasher",
          entry: "tools/local-stack/src/testing/crash-on-start.ts",
          role: "worker",
          env: {},
        },
      ],
    });
    await expect(attempt).rejects.toThrow(/crasher exited during start-up \(code 3\)/);
    expect(output.join("\n")).toContain("crash-on-start: refusing to start (on purpose)");
    // A service whose entry file does not exist yet is skipped with a warning, not an error.
    expect(output.join("\n")).toContain(
      "WARNING: skipping unbuilt: apps/not-yet/src/local.ts does not exist yet",
    );
    // The API that had started is stopped again, and so are the emulator and PostgreSQL.
    expect(await isListening(apiPort)).toBe(false);
    expect(await isListening(sqsPort)).toBe(false);
    expect(await isListening(postgresPort(output.join("\n")))).toBe(false);
  });

  it("`npm start` stops the services, the emulator and PostgreSQL on Ctrl-C and exits 0", async () => {
    const { apiPort, reportingPort, sqsPort } = await ports();
    const identityPort = await findFreePort();
    // Its own process group, so the test can signal the group the way a terminal's Ctrl-C does.
    const launcher: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", repoPath("tools/local-stack/src/start.ts")],
      {
        cwd: repoRoot,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          PORT: String(apiPort),
          REPORTING_PORT: String(reportingPort),
          LOCAL_SQS_PORT: String(sqsPort),
          IDENTITY_PORT: String(identityPort),
        },
      },
    );
    let output = "";
    launcher.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    launcher.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => launcher.on("exit", (code) => resolve(code)));

    const deadline = Date.now() + 180_000;
    while (!output.includes("Local stack is up.")) {
      if (Date.now() > deadline) throw new Error(`the stack did not come up:\n${output}`);
      if (launcher.exitCode !== null) throw new Error(`the launcher exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain(`curl -si -X POST http://localhost:${apiPort}/orders`);
    // The walk-through's token command finds this stack's provider and prints one token alone on a line.
    const token = await run(
      process.execPath,
      ["--import", "tsx", repoPath("tools/local-stack/src/token.ts"), "--sub", "c-1"],
      {
        cwd: repoRoot,
        env: { ...process.env, IDENTITY_PORT: String(identityPort) },
      },
    );
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const mine = await fetch(`http://localhost:${apiPort}/orders/${crypto.randomUUID()}`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(mine.status).toBe(404);
    expect(output).toMatch(/Database +services → pinning check 127\.0\.0\.1:\d+ → PgBouncer/);
    const pids = [...output.matchAll(/(\w+) started \(pid (\d+)\)/g)].map((m) => Number(m[2]));
    expect(pids).toHaveLength(3);
    expect(await isListening(apiPort)).toBe(true);

    process.kill(-(launcher.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("local stack stopped");
    expect(output).toMatch(/0 of \d+ sessions would have pinned at RDS Proxy\./);
    expect(output).toContain("worker stopping (SIGTERM)");
    for (const port of [apiPort, reportingPort, sqsPort, identityPort, postgresPort(output)])
      expect(await isListening(port)).toBe(false);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });
});
