import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCommandLine, UsageError } from "./command-line";
import { runCommand } from "./testing";

const command = {
  name: "example",
  usage: "Usage: example --count <n> [--loud]",
  options: { count: { type: "string" }, loud: { type: "boolean" } },
} as const;

describe("readCommandLine", () => {
  it("returns the typed values, or help for --help and -h", () => {
    const line = readCommandLine(command, ["--count", "3", "--loud"]);
    expect(line).not.toBe("help");
    if (line !== "help") expect(line.values).toEqual({ count: "3", loud: true });
    expect(readCommandLine(command, ["--help"])).toBe("help");
    expect(readCommandLine(command, ["-h"])).toBe("help");
  });

  it.each([
    ["an unknown flag", ["--bogus"], /Unknown option '--bogus'/],
    ["a flag without its value", ["--count"], /Option '--count <value>' argument missing/],
    ["a value given to a switch", ["--loud=yes"], /does not take an argument/],
    ["a bare word where none is expected", ["three"], /Unexpected argument 'three'/],
  ])("refuses %s", (_case, argv, message) => {
    expect(() => readCommandLine(command, argv)).toThrow(UsageError);
    expect(() => readCommandLine(command, argv)).toThrow(message);
  });
});

describe("parseOrExit, in a real process", () => {
  const example = join(import.meta.dirname, "example-command.fixture.ts");

  it("prints the usage on stdout and exits 0 for --help and -h, running nothing", () => {
    for (const flag of ["--help", "-h"]) {
      const run = runCommand(example, [flag]);
      expect(run).toEqual({
        status: 0,
        stdout: "Usage: example --count <n> [--loud] [word...]\n",
        stderr: "",
      });
    }
  });

  it("runs with a good command line", () => {
    expect(runCommand(example, ["--count", "2", "a", "b"])).toMatchObject({
      status: 0,
      stdout: "ran with 2: a b\n",
    });
  });

  it.each([
    ["an unknown flag", ["--bogus"], "example: Unknown option '--bogus'"],
    ["a missing value", ["--count"], "example: Option '--count <value>' argument missing"],
    ["an invalid value", ["--count", "many"], "example: --count needs a whole number, got many"],
  ])("refuses %s with one line and the usage on stderr, exit 2", (_case, argv, line) => {
    const run = runCommand(example, argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toContain(line);
    expect(lines.slice(1)).toEqual(["Usage: example --count <n> [--loud] [word...]"]);
  });
});
