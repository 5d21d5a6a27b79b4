import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("./preflight.ts", import.meta.url));

/** Runs the preflight as `npm test` does, in a child process with this environment. */
function preflight(env: NodeJS.ProcessEnv, args: string[] = []) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the preflight before npm test", () => {
  it("passes silently on this machine, which has every tool", () => {
    expect(preflight(process.env)).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("stops with one message naming the apt command for what is missing", () => {
    const { status, stderr } = preflight({ ...process.env, PATH: "", CHROMIUM_PATH: "/nonexistent/chrome" });
    expect(status).toBe(1);
    expect(stderr).toContain("openssl (makes the TLS test certificates): not found");
    expect(stderr).toContain("CHROMIUM_PATH=/nonexistent/chrome is not an executable file");
    expect(stderr).not.toContain("pgbouncer (");
    expect(stderr).toContain("apt-get install -y --no-install-recommends openssl chromium");
  });

  it("answers --help with its usage and exit 0, and refuses an unknown flag with the usage and exit 2", () => {
    // With nothing found, a check that ran would exit 1: --help answers before any check.
    const help = preflight({ ...process.env, PATH: "" }, ["--help"]);
    expect(help).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^Usage: npm run preflight\n/),
      stderr: "",
    });
    const bogus = preflight(process.env, ["--bogus"]);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(
      /^npm run preflight: Unknown option '--bogus'.*\nUsage: npm run preflight\n/,
    );
  });
});
