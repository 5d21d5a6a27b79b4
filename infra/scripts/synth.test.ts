import { join } from "node:path";
import { runCommand } from "@orders/cli-args/testing";
import { describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "synth.ts");
const synth = (...args: string[]) => runCommand(script, args, { timeoutMs: 120_000 });

describe("npm run synth", () => {
  it.each(["--help", "-h"])("answers %s with its usage on stdout and exit 0, building nothing", (flag) => {
    const { status, stdout, stderr } = synth(flag);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: npm run synth -- --stage <name> \[--dev\] \[--json\]\n/);
    expect(stdout).not.toMatch(/resources, offline/);
    expect(status).toBe(0);
  });

  it("refuses an unknown flag with exit 2, naming it, and the usage", () => {
    const { status, stdout, stderr } = synth("--stage", "alice", "--region", "us-east-1");
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^npm run synth: .*'--region'/);
    expect(stderr).toMatch(/\nUsage: npm run synth/);
    expect(status).toBe(2);
  });

  it("refuses to guess a stage (exit 2)", () => {
    const { status, stderr } = synth("--json");
    expect(stderr).toMatch(/^npm run synth: --stage is required\n/);
    expect(status).toBe(2);
  });

  it("prints one JSON array of { type, name, inputs } for a personal stage", () => {
    const { status, stdout, stderr } = synth("--stage", "alice", "--json");
    expect(status, stderr).toBe(0);
    const resources = JSON.parse(stdout) as Record<string, unknown>[];
    expect(resources.length).toBeGreaterThan(100);
    for (const resource of resources)
      expect(Object.keys(resource).sort()).toEqual(["inputs", "name", "type"]);
    expect(resources.filter((r) => r.type === "aws:lambda/function:Function")).toHaveLength(5);
  }, 120_000);
});
