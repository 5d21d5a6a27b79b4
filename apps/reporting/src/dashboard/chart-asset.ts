import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: Promise<string> | undefined;

/**
 * Chart.js's self-contained UMD build, read once from node_modules and kept in memory. Served by this
 * service so the dashboard works offline and without a third-party CDN. The package does not export the
 * file, so it is found next to the package's main entry. In a Lambda bundle, node_modules/chart.js must be
 * shipped beside the bundle (SST: `nodejs.install: ["chart.js"]`).
 */
export function chartJsSource(): Promise<string> {
  cached ??= readFile(
    join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js"),
    "utf8",
  ).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
