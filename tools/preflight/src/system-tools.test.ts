import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locateWith, onPath, preflightReport, type SystemTool } from "./system-tools";

const tool = (name: string, found: string | undefined, extra: Partial<SystemTool> = {}): SystemTool => ({
  name,
  aptPackage: `${name}-pkg`,
  purpose: `${name} purpose`,
  locate: locateWith(() => found),
  ...extra,
});

describe("the preflight report", () => {
  it("is empty when every tool is there", () => {
    expect(preflightReport([tool("a", "/bin/a"), tool("b", "/bin/b")])).toEqual({ missing: [], message: "" });
  });

  it("names each missing tool, why it is needed, and one apt command for all of them", () => {
    const report = preflightReport([
      tool("a", undefined),
      tool("b", "/bin/b"),
      tool("c", undefined, { alternative: "download c" }),
    ]);
    expect(report.missing).toEqual(["a", "c"]);
    expect(report.message).toContain("  - a (a purpose): not found");
    expect(report.message).toContain("    or: download c");
    expect(report.message).not.toContain("b purpose");
    expect(report.message.split("\n").at(-1)).toBe(
      "  apt-get update && apt-get install -y --no-install-recommends a-pkg c-pkg",
    );
  });

  it("reports the error a lookup throws as the reason", () => {
    const failing = tool("x", undefined, {
      locate: locateWith(() => {
        throw new Error("X_PATH points nowhere");
      }),
    });
    expect(preflightReport([failing]).message).toContain("x (x purpose): X_PATH points nowhere");
  });
});

describe("a lookup on PATH", () => {
  it("finds only executable files, in PATH order", async () => {
    const [first, second] = [
      await mkdtemp(join(tmpdir(), "path-a-")),
      await mkdtemp(join(tmpdir(), "path-b-")),
    ];
    try {
      await writeFile(join(first, "tool"), "", { mode: 0o644 });
      await writeFile(join(second, "tool"), "#!/bin/sh\n", { mode: 0o755 });
      expect(onPath("tool", `${first}:${second}`)).toBe(join(second, "tool"));
      expect(onPath("absent", `${first}:${second}`)).toBeUndefined();
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });
});
