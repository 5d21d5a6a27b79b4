import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserCandidates, findBrowser, firstExecutable } from "./find-browser";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "orders-browser-search-"));
  await writeFile(join(dir, "google-chrome"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(join(dir, "not-executable"), "", { mode: 0o644 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("where a browser is looked for", () => {
  it("CHROMIUM_PATH first, then Debian's chromium, then Google Chrome, then Playwright's download", () => {
    const candidates = browserCandidates({ CHROMIUM_PATH: "/opt/mine/chrome", PATH: "/a:/b" }, "/pw/chrome");
    expect(candidates[0]).toEqual({ path: "/opt/mine/chrome", source: "CHROMIUM_PATH" });
    expect(candidates.at(-1)).toEqual({ path: "/pw/chrome", source: "Playwright" });
    const sources = candidates.map((c) => c.source);
    expect(sources.lastIndexOf("Debian chromium")).toBeLessThan(sources.indexOf("Google Chrome"));
    expect(candidates.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        "/usr/bin/chromium",
        "/a/chromium",
        "/usr/bin/google-chrome",
        "/b/google-chrome",
      ]),
    );
  });

  it("takes the first candidate that is an executable file", () => {
    const found = firstExecutable([
      { path: join(dir, "missing"), source: "CHROMIUM_PATH" },
      { path: join(dir, "not-executable"), source: "Debian chromium" },
      { path: dir, source: "Debian chromium" },
      { path: join(dir, "google-chrome"), source: "Google Chrome" },
    ]);
    expect(found).toEqual({ path: join(dir, "google-chrome"), source: "Google Chrome" });
  });

  it("honours CHROMIUM_PATH, and refuses one that points nowhere", () => {
    const chosen = join(dir, "google-chrome");
    expect(findBrowser({ CHROMIUM_PATH: chosen, PATH: "" })).toEqual({
      path: chosen,
      source: "CHROMIUM_PATH",
    });
    expect(() => findBrowser({ CHROMIUM_PATH: join(dir, "missing") })).toThrow(/CHROMIUM_PATH=.*missing/);
  });
});

describe("on this machine", { timeout: 30_000 }, () => {
  it("finds a browser that runs", () => {
    const { path } = findBrowser();
    expect(execFileSync(path, ["--version"], { encoding: "utf8" })).toMatch(/Chrom(e|ium) \d+\./);
  });
});
