import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  assertPlatform,
  pinnedSstVersion,
  platformInternals,
  platformPaths,
  rpcCallSignature,
} from "./platform";

const real = platformPaths();
const made: string[] = [];

/** A copy of the repo's pieces the check reads, with a platform of the given version and files. */
function fakeRoot(version: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "synth-platform-"));
  made.push(root);
  mkdirSync(join(root, "infra"));
  cpSync(join(real.root, "infra/package.json"), join(root, "infra/package.json"));
  mkdirSync(join(root, ".sst/platform"), { recursive: true });
  writeFileSync(join(root, ".sst/platform/version"), version);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, ".sst/platform", file, ".."), { recursive: true });
    writeFileSync(join(root, ".sst/platform", file), text);
  }
  return root;
}

const allInternals = () =>
  Object.fromEntries(
    Object.values(platformInternals).map((file) => [file, file.endsWith("rpc.ts") ? rpcCallSignature : ""]),
  );

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("assertPlatform", () => {
  it("accepts the installed platform of the pinned SST", () => {
    expect(() => assertPlatform(real)).not.toThrow();
  });

  it("fails loudly, naming each piece, when an SST upgrade moved the internals the build relies on", () => {
    const version = pinnedSstVersion(real.root);
    const { shim: _shim, ...rest } = platformInternals;
    const files = Object.fromEntries(Object.values(rest).map((file) => [file, "changed"]));
    expect(() => assertPlatform(platformPaths(fakeRoot(version, files)))).toThrow(
      /shim: src\/shim\/run\.js is missing[\s\S]*rpc: src\/components\/rpc\/rpc\.ts no longer declares/,
    );
  });

  it("refuses a platform of another SST version than the pinned one", () => {
    expect(() => assertPlatform(platformPaths(fakeRoot("4.99.0", allInternals())))).toThrow(
      /platform 4\.99\.0 is not the pinned sst/,
    );
  });
});
