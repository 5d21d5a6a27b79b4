import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ShippedFile } from "./docs-page-files";

/**
 * Where a shipped file is: in its package under node_modules (the local servers and tests), or beside the
 * Lambda bundle, which has no node_modules and gets the file by `copyFiles` (see `copyFilesFor`).
 */
export function packageFileCandidates(shipped: ShippedFile): string[] {
  const candidates: string[] = [];
  try {
    const manifest = createRequire(import.meta.url).resolve(`${shipped.package}/package.json`);
    candidates.push(join(dirname(manifest), shipped.file));
  } catch {
    // Not resolvable from a bundle: fall through to the copied file.
  }
  candidates.push(join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), shipped.file));
  return candidates;
}

/**
 * The bytes of the first of `paths` that can be read; `name` says what was looked for when none can.
 *
 * @example
 * const js = await readFirstFile(["/opt/a.js", "/var/task/a.js"], "a.js");
 */
export async function readFirstFile(paths: readonly string[], name: string): Promise<Buffer> {
  for (const path of paths) {
    try {
      return await readFile(path);
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`${name} not found (looked in ${paths.join(", ")})`);
}

/**
 * The file's bytes from the first place that has it.
 *
 * @example
 * const css = await readPackageFile({ package: "swagger-ui-dist", file: "swagger-ui.css" });
 */
export function readPackageFile(shipped: ShippedFile): Promise<Buffer> {
  return readFirstFile(packageFileCandidates(shipped), `${shipped.package}/${shipped.file}`);
}
