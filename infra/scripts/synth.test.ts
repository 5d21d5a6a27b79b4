import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function synth(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "infra/scripts/synth.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run synth", () => {
  it("prints its usage on --help and exits 0", () => {
    const { status, stdout } = synth("--help");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^usage: npm run synth -- --stage <name> \[--dev\] \[--json\]/);
  });

  it("refuses an unknown flag with exit 2 and the usage", () => {
    const { status, stderr } = synth("--stage", "alice", "--region", "us-east-1");
    expect(status).toBe(2);
    expect(stderr).toMatch(/--region/);
    expect(stderr).toMatch(/usage: npm run synth/);
  });

  it("refuses to guess a stage (exit 2)", () => {
    const { status, stderr } = synth("--json");
    expect(status).toBe(2);
    expect(stderr).toMatch(/--stage is required/);
  });

  it("prints one JSON array of { type, name, inputs } for a personal stage", () => {
    const { status, stdout, stderr } = synth("--stage", "alice", "--json");
    expect(status, stderr).toBe(0);
    const resources = JSON.parse(stdout) as Record<string, unknown>[];
    expect(resources.length).toBeGreaterThan(100);
    for (const resource of resources)
      expect(Object.keys(resource).sort()).toEqual(["inputs", "name", "type"]);
    const functions = resources.filter((r) => r.type === "aws:lambda/function:Function");
    expect(functions).toHaveLength(5);
  }, 120_000);
});
