import { loadOnce, readPackageFile } from "@orders/http-kit";
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
