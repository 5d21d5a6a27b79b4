import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadOnce, packageFileCandidates, readFirstFile } from "@orders/http-kit";
import type { ShippedFile } from "@orders/http-kit/docs-page-files";

/**
 * The dashboard's browser code (`http/dashboard/browser/main.ts`), bundled by `npm run build -w
 * @orders/reporting` into this package's `generated/`, which is committed like the OpenAPI document, so
 * `sst deploy` ships it with no build step of its own; a test fails while it is not the bundle of the current
 * browser code (`npm start` rebuilds it first). Read from there under Node, and from beside the Lambda bundle,
 * where infra copies it under the same name (`copyFiles`).
 */
export const dashboardScriptFile = {
  package: "@orders/reporting",
  file: "generated/dashboard.js",
} as const satisfies ShippedFile;

/**
 * The dashboard's two scripts (what `http/` serves as its `DashboardAssets`), from this package and
 * Chart.js's: the bundle is found now (the first place of
 * `packageFileCandidates` that has it), so a missing bundle stops the service at start-up, naming every
 * place it looked and the command that builds it, instead of answering 500 to the first browser that asks
 * for it; both are read on the first request and kept in memory.
 */
export function shippedDashboardAssets(shipped: ShippedFile = dashboardScriptFile): {
  dashboardScript: () => Promise<string>;
  chartJs: () => Promise<string>;
} {
  const candidates = packageFileCandidates(shipped);
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new Error(
      `the dashboard's browser code is not built: ${shipped.package}/${shipped.file} not found (looked in ${candidates.join(", ")}); run npm run build -w @orders/reporting`,
    );
  }
  return { dashboardScript: loadOnce(() => readFile(path, "utf8")), chartJs: chartJsSource };
}

const chartJsFile = "chart.umd.min.js";

/**
 * Where Chart.js's self-contained UMD build is: next to the package's main entry in node_modules, or, in a
 * Lambda bundle without node_modules, beside the bundle (`copyFiles` of
 * `node_modules/chart.js/dist/chart.umd.min.js`). Not the kit's `packageFileCandidates`: that finds a
 * package by its `package.json`, which Chart.js's `exports` map does not expose.
 */
export function chartJsCandidates(): string[] {
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(createRequire(import.meta.url).resolve("chart.js")), chartJsFile));
  } catch {
    // Not resolvable from a bundle: fall through to the copied file.
  }
  candidates.push(join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), chartJsFile));
  return candidates;
}

/** Chart.js, served by this service so the dashboard works offline and without a third-party CDN. */
const chartJsSource = loadOnce(async () =>
  (await readFirstFile(chartJsCandidates(), "Chart.js")).toString("utf8"),
);
