import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { lambdaBundling } from "@orders/settings";
import { build, type Metafile } from "esbuild";

export interface HandlerBundle {
  /** The entry file (`bundle.mjs`), which a cold start imports. */
  file: string;
  /** Every output file together: the function's code as deployed (entry and all chunks). */
  bytes: number;
  gzipBytes: number;
  /** The entry and the chunks it imports statically: what every cold start loads and parses. */
  coldStartBytes: number;
  /** Output files (entry + chunks). */
  files: number;
  /** The five largest inputs a cold start loads, by package (where the size comes from). */
  largestInputs: { path: string; bytes: number }[];
  /** Every npm package a cold start loads (the entry and its static chunks), by name, sorted. */
  coldStartPackages: string[];
  /** Every npm package in the function's code (entry and every chunk, loaded at once or later), sorted. */
  packages: string[];
}

/**
 * What SST's Node runtime (pkg/runtime/node/build.go) adds to every ESM bundle, so CommonJS dependencies
 * can still `require()` and read `__dirname`.
 */
const sstBanner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  "const require = topLevelCreateRequire(import.meta.url);",
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  "const __filename = topLevelFileUrlToPath(import.meta.url)",
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

/**
 * Bundles one handler file the way SST's Function does for Node (`sst.aws.Function` with the options infra
 * passes, `lambdaBundling` from @orders/settings): esbuild, platform node, SST's target for `nodejs24.x`
 * (es2024), `module` before `main`, its banner, minified, names kept, ESM, and code splitting into
 * `<outDir>/<name>/bundle.mjs` plus chunks.
 */
export async function bundleHandler(entry: string, outDir: string, name: string): Promise<HandlerBundle> {
  const dir = join(outDir, name);
  const result = await build({
    entryPoints: [entry],
    outdir: dir,
    entryNames: "bundle",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "es2024",
    mainFields: ["module", "main"],
    banner: { js: sstBanner },
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    splitting: lambdaBundling.splitting,
    keepNames: lambdaBundling.esbuild.keepNames,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  // Chunks of dynamic imports are entry points too; the handler's is the one named `bundle`.
  const entryOutput = Object.keys(outputs).find((path) => path.endsWith("/bundle.mjs"));
  if (!entryOutput) throw new Error(`${name}: esbuild wrote no entry file`);
  const sizes = await Promise.all(
    Object.keys(outputs).map(async (path) => {
      const code = await readFile(path);
      return { path, bytes: code.length, gzipBytes: gzipSync(code).length };
    }),
  );
  const loaded = staticallyLoaded(outputs, entryOutput);
  return {
    file: join(dir, "bundle.mjs"),
    bytes: sum(sizes.map((s) => s.bytes)),
    gzipBytes: sum(sizes.map((s) => s.gzipBytes)),
    coldStartBytes: sum(sizes.filter((s) => loaded.has(s.path)).map((s) => s.bytes)),
    files: sizes.length,
    largestInputs: largestInputs(outputs, loaded),
    coldStartPackages: packagesLoaded(outputs, loaded),
    packages: packagesLoaded(outputs, new Set(Object.keys(outputs))),
  };
}

/** The entry and every chunk reachable from it through static imports. */
function staticallyLoaded(outputs: Metafile["outputs"], entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.external || imported.kind !== "import-statement" || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return seen;
}

/** By package, over what a cold start loads. */
function largestInputs(outputs: Metafile["outputs"], loaded: Set<string>) {
  const byPackage = new Map<string, number>();
  for (const path of loaded) {
    for (const [input, info] of Object.entries(outputs[path]?.inputs ?? {})) {
      const key = packageOf(input);
      byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  return [...byPackage]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

/** The name of every npm package with code in the given output files. */
function packagesLoaded(outputs: Metafile["outputs"], loaded: Set<string>): string[] {
  const names = new Set<string>();
  for (const path of loaded) {
    for (const input of Object.keys(outputs[path]?.inputs ?? {})) {
      const name = inNodeModules.exec(input)?.[1];
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/;

/** `node_modules/@scope/name/...` → `@scope/name`; workspace files stay as they are. */
function packageOf(path: string): string {
  return inNodeModules.exec(path)?.[1] ?? path.replace(/^(\.\.\/)+/, "");
}
