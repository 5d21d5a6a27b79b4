import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { readCommandLine } from "@orders/cli-args";
import { localDevDatabase } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { defaultDevDbDataDir, devDbCommand, devDbOptionsFrom } from "./dev-db-options";
import { repoRoot } from "./repo-paths";

function devDbOptions(argv: string[], env: Record<string, string | undefined>) {
  const line = readCommandLine(devDbCommand, argv);
  if (line === "help") throw new Error("asked for help");
  return devDbOptionsFrom(line, env);
}

describe("npm run dev:db options", () => {
  it("default to the ports sst dev expects and a data folder inside the repository", () => {
    expect(devDbOptions([], {})).toEqual({
      postgresPort: localDevDatabase.postgresPort,
      chainPort: localDevDatabase.chainPort,
      dataDir: defaultDevDbDataDir,
      reset: false,
    });
    expect(localDevDatabase.postgresPort).toBe(5432);
    expect(defaultDevDbDataDir.startsWith(repoRoot)).toBe(true);
  });

  it("keep the default data folder out of git", () => {
    // `git check-ignore` exits 0 for an ignored path and 1 otherwise (execFileSync throws then).
    const ignored = execFileSync(
      "git",
      ["check-ignore", join(defaultDevDbDataDir, "postgres-17", "PG_VERSION")],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(ignored.trim()).not.toBe("");
  });

  it("take the environment, and flags over the environment", () => {
    const env = { DEV_DB_PORT: "7001", DEV_DB_CHAIN_PORT: "7002", DEV_DB_DATA_DIR: "/srv/devdb" };
    expect(devDbOptions([], env)).toEqual({
      postgresPort: 7001,
      chainPort: 7002,
      dataDir: "/srv/devdb",
      reset: false,
    });
    expect(devDbOptions(["--port", "7101", "--chain-port=7102", "--data-dir", "/x", "--reset"], env)).toEqual(
      {
        postgresPort: 7101,
        chainPort: 7102,
        dataDir: "/x",
        reset: true,
      },
    );
  });

  it("refuse what is not a port, one port for both, and unknown flags", () => {
    expect(() => devDbOptions(["--port", "54k"], {})).toThrow(/--port must be a TCP port/);
    expect(() => devDbOptions([], { DEV_DB_CHAIN_PORT: "70000" })).toThrow(/--chain-port/);
    expect(() => devDbOptions(["--port", "6000", "--chain-port", "6000"], {})).toThrow(/two different ports/);
    expect(() => devDbOptions(["--rest"], {})).toThrow(/Unknown option '--rest'/);
  });
});
