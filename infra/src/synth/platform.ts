import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where the repository, sst.config.ts and SST's installed platform sources are. */
export interface PlatformPaths {
  root: string;
  config: string;
  /** `.sst/platform`: SST's component sources and the Pulumi packages, written by `npm run sst:install`. */
  platform: string;
}

/**
 * The parts of SST's platform the offline build relies on. They are SST internals, not a public API: if an
 * SST upgrade moves or renames one, the build stops here with the list, instead of producing a graph that
 * silently lacks resources.
 */
export const platformInternals = {
  /** Defines `$config`, `$resolve`, `$interpolate`, `$transform`, `$util` …; the CLI injects it. */
  shim: "src/shim/run.js",
  /** `run(program)`: SST's wrapper around the config's `run()` (stack transformations, chdir). */
  runner: "src/auto/run.ts",
  /** The `sst` namespace of the config's global scope. */
  components: "src/components/index.ts",
  /** How components call the CLI (`Runtime.Build`, `Provider.Aws.Bootstrap`, …) over HTTP. */
  rpc: "src/components/rpc/rpc.ts",
  /** Physical names: the app, the stage, the name and a random suffix. */
  naming: "src/components/naming.ts",
  /** The bridge a function gets under `sst dev` instead of its own code. */
  devBridge: "dist/bridge",
} as const;

/** The random part of SST's physical names, which the offline build makes repeatable. */
export const namingRandomSource = 'crypto.randomBytes(8).toString("hex")';

/** The exact text of the RPC entry point the offline build redirects to its stub. */
export const rpcCallSignature = "export async function call<T = any>(method: string, args: any) {";

export function platformPaths(root = resolve(import.meta.dirname, "../../..")): PlatformPaths {
  return { root, config: join(root, "sst.config.ts"), platform: join(root, ".sst/platform") };
}

/**
 * Fails with every missing piece when the installed platform is not the one this harness was written for:
 * a version other than the pinned `sst` package, a missing internal file, or an RPC entry point of another
 * shape.
 */
export function assertPlatform(paths: PlatformPaths): void {
  const problems: string[] = [];
  const pinned = pinnedSstVersion(paths.root);
  const versionFile = join(paths.platform, "version");
  const installed = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : undefined;
  if (installed === undefined) {
    throw new Error(
      `SST's platform is not installed in ${paths.platform}: run \`npm run sst:install -w infra\``,
    );
  }
  if (installed.replace(/^v/, "") !== pinned) {
    problems.push(`platform ${installed} is not the pinned sst ${pinned} (run npm run sst:install -w infra)`);
  }
  for (const [part, file] of Object.entries(platformInternals)) {
    if (!existsSync(join(paths.platform, file))) problems.push(`${part}: ${file} is missing`);
  }
  const rpc = join(paths.platform, platformInternals.rpc);
  if (existsSync(rpc) && !readFileSync(rpc, "utf8").includes(rpcCallSignature)) {
    problems.push(`rpc: ${platformInternals.rpc} no longer declares \`${rpcCallSignature}\``);
  }
  const naming = join(paths.platform, platformInternals.naming);
  if (existsSync(naming) && !readFileSync(naming, "utf8").includes(namingRandomSource)) {
    problems.push(
      `naming: ${platformInternals.naming} no longer draws its suffix from \`${namingRandomSource}\``,
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `the offline stage build does not match SST's platform; update infra/src/synth for it:\n- ${problems.join("\n- ")}`,
    );
  }
}

/** The `sst` version infra/package.json pins (exact: the harness is written against its internals). */
export function pinnedSstVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, "infra/package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const version = manifest.dependencies.sst;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`infra/package.json must pin sst to an exact version, got ${JSON.stringify(version)}`);
  }
  return version;
}
