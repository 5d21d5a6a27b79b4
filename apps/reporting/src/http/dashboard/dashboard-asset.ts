import { loadOnce, readPackageFile } from "@orders/http-problem";
import type { ShippedFile } from "@orders/http-problem/docs-page-files";

/**
 * The dashboard's browser code (`browser/main.ts`), bundled by `build-dashboard-script.ts` into this
 * package's git-ignored `dist/`. Read from there under Node (`npm start` and the tests build it first), and
 * from beside the Lambda bundle, where infra copies it under the same name (`copyFiles`).
 */
export const dashboardScriptFile = {
  package: "@orders/reporting",
  file: "dist/dashboard.js",
} as const satisfies ShippedFile;

/** The bundled script, read once per process and kept in memory. */
export const dashboardScriptSource = loadOnce(async () =>
  (await readPackageFile(dashboardScriptFile)).toString("utf8"),
);
