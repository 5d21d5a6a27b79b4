import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface HandlerBundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The largest inputs by bytes in the output (where the size comes from). */
  largestInputs: { path: string; bytes: number }[];
}

/**
 * Bundles one handler file the way SST's Function does for Node: esbuild, one minified ESM file for node24
 * on the node platform, with a `createRequire` banner so CommonJS dependencies can still `require()`.
 */
export async function bundleHandler(entry: string, outDir: string, name: string): Promise<HandlerBundle> {
  const file = join(outDir, `${name}.mjs`);
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node24",
    mainFields: ["module", "main"],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    metafile: true,
    logLevel: "silent",
  });
  const code = await readFile(file);
  const output = Object.values(result.metafile.outputs)[0];
  const largestInputs = Object.entries(output?.inputs ?? {})
    .map(([path, info]) => ({ path: packageOf(path), bytes: info.bytesInOutput }))
    .reduce<{ path: string; bytes: number }[]>((acc, input) => {
      const same = acc.find((a) => a.path === input.path);
      if (same) same.bytes += input.bytes;
      else acc.push({ ...input });
      return acc;
    }, [])
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length, largestInputs };
}

/** `node_modules/@scope/name/...` → `@scope/name`; workspace files stay as they are. */
function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1] ?? path.replace(/^(\.\.\/)+/, "");
}
