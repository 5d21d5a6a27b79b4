import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "@orders/cli-args/testing";
import { describe, expect, it } from "vitest";
import { benchmarks } from "./benchmarks";

const cli = join(import.meta.dirname, "cli.ts");
const resultsDir = join(import.meta.dirname, "../results");

async function resultFiles(): Promise<string[]> {
  return (await readdir(resultsDir).catch(() => [] as string[])).sort();
}

describe("npm run bench", () => {
  it.each(["--help", "-h"])(
    "answers %s with the usage and every benchmark's name, running none",
    async (flag) => {
      const before = await resultFiles();
      const result = runCommand(cli, [flag]);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/^Usage: npm run bench/);
      for (const bench of benchmarks) expect(result.stdout).toContain(`  ${bench.name} `);
      // A benchmark announces itself with "== <name>" and writes its result file.
      expect(result.stdout).not.toContain("==");
      expect(await resultFiles()).toEqual(before);
      expect(result.status).toBe(0);
    },
  );

  it.each([
    ["an unknown flag", ["--bogus"], "npm run bench: Unknown option '--bogus'"],
    ["an unknown benchmark", ["storm", "nosuch"], "npm run bench: unknown benchmark(s): nosuch"],
    ["a value given to a switch", ["--quick=1"], "npm run bench: Option '--quick' does not take an argument"],
  ])("refuses %s with one line and the usage on stderr, exit 2, running none", (_case, args, line) => {
    const result = runCommand(cli, args);
    expect(result.stdout).toBe("");
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toContain(line);
    expect(rest[0]).toMatch(/^Usage: npm run bench/);
    expect(rest.join("\n")).toContain(benchmarks[0]?.name);
    expect(result.status).toBe(2);
  });
});
