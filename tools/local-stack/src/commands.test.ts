import { runCommand } from "@orders/cli-args/testing";
import { describe, expect, it } from "vitest";
import { repoPath } from "./repo-paths";

/** The local stack's commands, each run as its npm script runs it. */
const commands = [
  { script: "npm start", file: "start.ts" },
  { script: "npm run dev:db", file: "dev-db.ts" },
  { script: "npm run token", file: "token.ts" },
  { script: "npm run redrive", file: "redrive.ts" },
] as const;

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  // A clean environment but for PATH: no port or queue URL of the caller changes what the command does.
  return runCommand(repoPath(`tools/local-stack/src/${file}`), args, {
    env: { PATH: process.env.PATH, ...env },
  });
}

describe.each(commands)("$script", ({ script, file }) => {
  it.each(["--help", "-h"])("answers %s with its usage on stdout and exit 0, starting nothing", (flag) => {
    const result = run(file, [flag]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`^Usage: ${script.replace("run ", "run (-s )?")}`));
    expect(result.stdout).toMatch(/-h, --help +this text/);
    expect(result.status).toBe(0);
  });

  it("refuses an unknown flag with one line and the usage on stderr, exit 2", () => {
    const result = run(file, ["--bogus"]);
    expect(result.stdout).toBe("");
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toMatch(new RegExp(`^${script}: Unknown option '--bogus'`));
    expect(rest[0]).toMatch(/^Usage: /);
    expect(result.status).toBe(2);
  });
});

describe("a missing or invalid value", () => {
  it.each([
    ["npm start", "start.ts", [], { PORT: "30k" }, 'npm start: PORT must be a TCP port (0-65535), got "30k"'],
    ["npm start", "start.ts", ["now"], {}, "npm start: Unexpected argument 'now'"],
    [
      "npm run dev:db",
      "dev-db.ts",
      ["--port"],
      {},
      "npm run dev:db: Option '--port <value>' argument missing",
    ],
    [
      "npm run dev:db",
      "dev-db.ts",
      ["--chain-port", "54k"],
      {},
      'npm run dev:db: --chain-port must be a TCP port (1-65535), got "54k"',
    ],
    ["npm run dev:db", "dev-db.ts", [], { DEV_DB_PORT: "0" }, "npm run dev:db: --port must be a TCP port"],
    ["npm run token", "token.ts", [], {}, "npm run token: --sub is required"],
    ["npm run token", "token.ts", ["--sub", "a b"], {}, "npm run token: --sub must be 1 to 64 visible ASCII"],
    ["npm run token", "token.ts", ["--staff=yes", "--sub", "c-1"], {}, "does not take an argument"],
    [
      "npm run redrive",
      "redrive.ts",
      ["orders-dlq"],
      {},
      "npm run redrive: Unexpected argument 'orders-dlq'",
    ],
  ])("%s %j %j is refused with the usage, exit 2", (_script, file, args, env, line) => {
    const result = run(file, args, env);
    expect(result.stdout).toBe("");
    const [first, second] = result.stderr.split("\n");
    expect(first).toContain(line);
    expect(second).toMatch(/^Usage: /);
    expect(result.status).toBe(2);
  });
});
