import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "plan.ts");

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run plan", () => {
  it("prints a machine-readable plan and exits 0 when the stage carries the load", () => {
    const result = plan("--orders-per-second", "100", "--json");
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.plan.peakOrdersPerSecond).toBe(200);
    expect(output.plan.problems).toEqual([]);
    expect(output.cost.region).toBe("us-east-1");
    expect(output.idleCost.totalUsd).toBeGreaterThan(0);
    expect(output.growth.map((step: { ordersPerSecond: number }) => step.ordersPerSecond)).toEqual([
      100, 1000, 10000, 100000,
    ]);
  });

  it("exits 1 and names the settings to change when the stage does not carry the load", () => {
    const result = plan("--orders-per-second", "1000", "--stage", "alice");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/What breaks first/);
    expect(result.stdout).toMatch(/- API stage throttle .* raise apiThrottle\.rateLimit/);
  });

  it.each(["--help", "-h"])("answers %s with its usage on stdout and exit 0, planning nothing", (flag) => {
    const result = plan(flag);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: npm run plan -- --orders-per-second <n>/);
    expect(result.stdout).toMatch(/-h, --help +this text/);
    expect(result.stdout).not.toMatch(/What breaks first/);
    expect(result.status).toBe(0);
  });

  it.each([
    ["an unknown flag", ["--bogus"], "npm run plan: Unknown option '--bogus'"],
    ["a missing load", [], "npm run plan: --orders-per-second needs a number, got nothing"],
    [
      "a flag without its value",
      ["--orders-per-second"],
      "Option '--orders-per-second <value>' argument missing",
    ],
    [
      "a value that is not a number",
      ["--orders-per-second", "lots"],
      '--orders-per-second needs a number, got "lots"',
    ],
    ["a load it cannot plan", ["--orders-per-second=-5"], "orders per second must be a positive number"],
    ["a bare word", ["100"], "Unexpected argument '100'"],
  ])("refuses %s with one line and the usage on stderr, exit 2", (_case, args, line) => {
    const result = plan(...args);
    expect(result.stdout).toBe("");
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toContain(line);
    expect(rest[0]).toMatch(/^Usage: npm run plan/);
    expect(result.status).toBe(2);
  });
});
