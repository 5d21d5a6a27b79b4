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

  it("exits 2 with the usage on bad input", () => {
    const result = plan("--orders-per-second", "lots");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--orders-per-second needs a number/);
    expect(plan("--orders-per-second=-5").stderr).toMatch(/positive/);
    expect(plan("--unknown").status).toBe(2);
  });
});
