import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("./preflight.ts", import.meta.url));

/** Runs the preflight as `npm test` does, in a child process with this environment. */
function preflight(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { env, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr };
}

describe("the preflight before npm test", () => {
  it("passes silently on this machine, which has every tool", () => {
    expect(preflight(process.env)).toEqual({ status: 0, stderr: "" });
  });

  it("stops with one message naming the apt command for what is missing", () => {
    const { status, stderr } = preflight({ ...process.env, PATH: "", CHROMIUM_PATH: "/nonexistent/chrome" });
    expect(status).toBe(1);
    expect(stderr).toContain("openssl (makes the TLS test certificates): not found");
    expect(stderr).toContain("CHROMIUM_PATH=/nonexistent/chrome is not an executable file");
    expect(stderr).not.toContain("pgbouncer (");
    expect(stderr).toContain("apt-get install -y --no-install-recommends openssl chromium");
  });
});
