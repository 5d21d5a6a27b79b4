import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { loadOnce, packageFileCandidates, readPackageFile } from "@orders/http-kit";
import type { ShippedFile } from "@orders/http-kit/docs-page-files";

/**
 * The dashboard's browser code (`browser/main.ts`), bundled by `build-dashboard-script.ts` into this
 * package's `generated/`, which is committed like the OpenAPI document, so `sst deploy` ships it with no
 * build step of its own; a test fails while it is not the bundle of the current browser code
 * (`npm run build -w @orders/reporting` rewrites it; `npm start` does too). Read from there under Node,
 * and from beside the Lambda bundle, where infra copies it under the same name (`copyFiles`).
 */
export const dashboardScriptFile = {
  package: "@orders/reporting",
  file: "generated/dashboard.js",
} as const satisfies ShippedFile;

/** The bundled script, read once per process and kept in memory. */
export const dashboardScriptSource = loadOnce(async () =>
  (await readPackageFile(dashboardScriptFile)).toString("utf8"),
);

/**
 * The bundled script as the runtime serves it: found now (the first place of `packageFileCandidates` that
 * has it), read on the first request and kept in memory. Called at start-up, so a missing bundle stops the
 * service there, naming every place it looked and the command that builds it, instead of answering 500 to
 * the first browser that asks for it.
 */
export function shippedDashboardScript(shipped: ShippedFile = dashboardScriptFile): () => Promise<string> {
  const candidates = packageFileCandidates(shipped);
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new Error(
      `the dashboard's browser code is not built: ${shipped.package}/${shipped.file} not found (looked in ${candidates.join(", ")}); run npm run build -w @orders/reporting`,
    );
  }
  return loadOnce(() => readFile(path, "utf8"));
}
