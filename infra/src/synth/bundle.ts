import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";
import { namingRandomSource, type PlatformPaths, platformInternals, rpcCallSignature } from "./platform";

/** The global the bundled RPC entry point hands every call to (see rpc-stub.ts). */
export const rpcStubGlobal = "__sstOfflineRpc";

/**
 * Bundles sst.config.ts the way SST's CLI does before it runs a stage: esbuild, the platform's shim injected
 * (it defines `$config`, `$resolve`, `$interpolate`, `$transform` …), the `aws`, `random` and `sst` namespaces
 * imported at the top of the program's files, the Pulumi packages external (one copy, shared with the mocks),
 * and SST's `run()` exported beside the config. The one departure: the RPC entry point calls a stub on
 * `globalThis` instead of the CLI's HTTP server.
 */
export async function bundleProgram(paths: PlatformPaths, outfile: string): Promise<void> {
  const entry = [
    `export { run } from ${JSON.stringify(join(paths.platform, platformInternals.runner))};`,
    `export { default as config } from ${JSON.stringify(paths.config)};`,
  ].join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: paths.root, sourcefile: "offline-stage-entry.ts", loader: "ts" },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    logLevel: "silent",
    inject: [join(paths.platform, platformInternals.shim)],
    // Bundled CommonJS dependencies of the platform call require() and read __dirname.
    banner: {
      js: [
        'import { createRequire as __offlineCreateRequire } from "node:module";',
        'import { fileURLToPath as __offlineFileUrlToPath } from "node:url";',
        "const require = __offlineCreateRequire(import.meta.url);",
        "const __filename = __offlineFileUrlToPath(import.meta.url);",
        'const __dirname = __offlineFileUrlToPath(new URL(".", import.meta.url));',
      ].join("\n"),
    },
    plugins: [
      externalPlatformPackages(paths),
      programGlobals(paths),
      rpcToStub(paths),
      repeatableNames(paths),
    ],
  });
  if (result.errors.length > 0) {
    throw new Error(`bundling sst.config.ts failed:\n${result.errors.map((e) => e.text).join("\n")}`);
  }
}

/**
 * `@pulumi/*` everywhere, and every package the platform's own sources import, stay external at the path
 * esbuild resolves them to: Node loads them from `.sst/platform/node_modules`, exactly one copy of the Pulumi
 * runtime (the one whose mocks the harness sets).
 */
function externalPlatformPackages(paths: PlatformPaths): Plugin {
  return {
    name: "external-platform-packages",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "resolving") return undefined;
        if (args.path.startsWith("node:")) return { path: args.path, external: true };
        const fromPlatform = args.importer.startsWith(paths.platform);
        if (!fromPlatform && !args.path.startsWith("@pulumi/")) return undefined;
        const resolveDir = fromPlatform || !args.resolveDir ? args.resolveDir : paths.platform;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.path.startsWith("@pulumi/") ? paths.platform : resolveDir,
          pluginData: "resolving",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: true };
      });
    },
  };
}

/**
 * The CLI makes `aws`, `random` and `sst` globals of the program by importing them at the top of each file;
 * here of sst.config.ts and the SST files directly under infra/ (infra/src is plain TypeScript).
 */
function programGlobals(paths: PlatformPaths): Plugin {
  const infra = join(paths.root, "infra");
  const components = join(paths.platform, platformInternals.components);
  const header = [
    'import * as aws from "@pulumi/aws";',
    'import * as random from "@pulumi/random";',
    `import * as sst from ${JSON.stringify(components)};`,
  ].join("\n");
  return {
    name: "program-globals",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        const isProgram =
          args.path === paths.config || (dirname(args.path) === infra && !/\.test\.ts$/.test(args.path));
        if (!isProgram) return undefined;
        const source = await readFile(args.path, "utf8");
        return { contents: `${header}\n${source}`, loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Redirects the platform's RPC entry point to the stub the harness installs on `globalThis`. */
function rpcToStub(paths: PlatformPaths): Plugin {
  const rpcFile = join(paths.platform, platformInternals.rpc);
  return {
    name: "rpc-to-stub",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /rpc\.ts$/ }, async (args) => {
        if (args.path !== rpcFile) return undefined;
        const source = await readFile(args.path, "utf8");
        if (!source.includes(rpcCallSignature)) {
          throw new Error(`${relative(paths.root, rpcFile)} no longer declares ${rpcCallSignature}`);
        }
        const contents = source.replace(
          rpcCallSignature,
          `${rpcCallSignature}\n    return (globalThis as any).${rpcStubGlobal}(method, args);`,
        );
        return { contents, loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * SST ends every physical name in a random suffix (kept in the stage's state once deployed). Offline there is
 * no state: the suffix is derived from the name and how often it was asked for, so two builds of the same
 * code print the same names and a diff shows only what changed.
 */
function repeatableNames(paths: PlatformPaths): Plugin {
  const namingFile = join(paths.platform, platformInternals.naming);
  return {
    name: "repeatable-names",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /naming\.ts$/ }, async (args) => {
        if (args.path !== namingFile) return undefined;
        const source = await readFile(args.path, "utf8");
        if (!source.includes(namingRandomSource)) {
          throw new Error(
            `${relative(paths.root, namingFile)} no longer draws names from ${namingRandomSource}`,
          );
        }
        const repeatable = [
          "(() => {",
          "  const seen = ((globalThis as any).__offlineNameCounts ??= new Map<string, number>());",
          "  const count = (seen.get(name) ?? 0) + 1;",
          "  seen.set(name, count);",
          '  return crypto.createHash("sha256").update(name + "#" + count).digest("hex").slice(0, 16);',
          "})()",
        ].join("\n");
        return {
          contents: source.replace(namingRandomSource, repeatable),
          loader: "ts",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}
