import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const fileName = "chart.umd.min.js";
let cached: Promise<string> | undefined;

/**
 * Where Chart.js's self-contained UMD build is: next to the package's main entry in node_modules (the
 * package does not export the file itself), or, in a Lambda bundle without node_modules, beside the
 * bundle (`copyFiles` of `node_modules/chart.js/dist/chart.umd.min.js`).
 */
export function chartJsCandidates(): string[] {
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(createRequire(import.meta.url).resolve("chart.js")), fileName));
  } catch {
    // Not resolvable from a bundle: fall through to the copied file.
  }
  candidates.push(join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), fileName));
  return candidates;
}

/**
 * Chart.js, read once and kept in memory. Served by this service so the dashboard works offline and
 * without a third-party CDN.
 */
export function chartJsSource(): Promise<string> {
  cached ??= readFirst(chartJsCandidates()).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readFirst(paths: string[]): Promise<string> {
  for (const path of paths) {
    try {
      return await readFile(path, "utf8");
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`Chart.js not found (looked in ${paths.join(", ")})`);
}
