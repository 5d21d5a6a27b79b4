/**
 * Makes `.sst/platform` (SST's component sources and types, plus the Pulumi providers) match the installed
 * `sst` CLI and sst.config.ts, running `sst install` only when they changed. Works offline: the recipe below
 * keeps the CLI from downloading Pulumi/Bun or asking questions (a throw-away config dir, telemetry and the
 * dependency check off, no Bun), and the providers come from the npm registry.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const platform = join(root, ".sst/platform");
const stampFile = join(platform, ".orders-install-key");

// The package's exports hide package.json from require.resolve: look it up where npm installs it.
const sstPackage = [
  join(root, "infra/node_modules/sst/package.json"),
  join(root, "node_modules/sst/package.json"),
].find((path) => existsSync(path));
if (!sstPackage) throw new Error("the sst package is not installed (npm ci)");
const sstVersion = (JSON.parse(readFileSync(sstPackage, "utf8")) as { version: string }).version;
const key = createHash("sha256")
  .update(`${sstVersion}\0`)
  .update(readFileSync(join(root, "sst.config.ts")))
  .digest("hex");

const current = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
if (current === key && existsSync(join(platform, "config.d.ts"))) {
  console.log(`sst platform ${sstVersion} is up to date`);
  process.exit(0);
}

const started = Date.now();
const config = mkdtempSync(join(tmpdir(), "sst-config-"));
try {
  const result = spawnSync(join(root, "node_modules/.bin/sst"), ["install"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      // A throw-away config dir: no credentials, no prompts, nothing written to the user's SST config.
      XDG_CONFIG_HOME: config,
      SST_TELEMETRY_DISABLED: "1",
      SST_SKIP_DEPENDENCY_CHECK: "1",
      NO_BUN: "1",
      SST_STAGE: process.env.SST_STAGE ?? "ci",
    },
  });
  if (result.status !== 0) {
    console.error(`sst install failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
} finally {
  rmSync(config, { recursive: true, force: true });
}
writeFileSync(stampFile, `${key}\n`);
console.log(`sst platform ${sstVersion} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
