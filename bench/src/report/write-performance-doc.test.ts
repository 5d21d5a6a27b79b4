import { stat } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "@orders/cli-args/testing";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../harness/run-script";

const command = join(import.meta.dirname, "write-performance-doc.ts");
const written = [join(repoRoot, "docs/performance.md"), join(repoRoot, "README.md")];

async function modified(): Promise<number[]> {
  return await Promise.all(written.map(async (file) => (await stat(file)).mtimeMs));
}

describe("npm run docs:performance", () => {
  it("answers --help with its usage and exit 0, writing nothing", async () => {
    const before = await modified();
    const run = runCommand(command, ["--help"]);
    expect(run).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^Usage: npm run docs:performance\n/),
      stderr: "",
    });
    expect(await modified()).toEqual(before);
  });

  it("refuses an unknown flag with one line and the usage on stderr, exit 2, writing nothing", async () => {
    const before = await modified();
    const run = runCommand(command, ["--bogus"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^npm run docs:performance: Unknown option '--bogus'.*\nUsage: npm run docs:performance\n/,
    );
    expect(await modified()).toEqual(before);
  });
});
