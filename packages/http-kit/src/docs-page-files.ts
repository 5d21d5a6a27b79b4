/** A file of an npm package that a service serves as is, and the name it has beside a Lambda bundle. */
export interface ShippedFile {
  /** The npm package that holds it. */
  package: string;
  /** Its path inside the package, and its name beside the bundle. */
  file: string;
}

/**
 * What the services' `/docs` page loads besides its own script: Swagger UI's browser bundle and stylesheet
 * (`swagger-ui-dist`). The services read them from the package under Node and from beside the bundle in
 * Lambda, where infra copies exactly these files (`copyFiles`): the UI never enters the JavaScript bundle
 * a cold start parses, and the deployed package grows by these two files only.
 */
export const docsPageFiles = {
  swaggerUiScript: { package: "swagger-ui-dist", file: "swagger-ui-bundle.js" },
  swaggerUiStyles: { package: "swagger-ui-dist", file: "swagger-ui.css" },
} as const satisfies Record<string, ShippedFile>;

/** The `/docs` page's own script (it starts Swagger UI; `docs-script.ts`). */
export const docsScriptFile = "docs.js";

/** Where the `/docs` page's own files are served, by the service itself (no CDN). */
export function docsAssetPath(file: string): string {
  return `/docs/assets/${file}`;
}

/**
 * SST `copyFiles` entries that put shipped files beside a function's bundle (paths from the repository root,
 * where npm workspaces hoist the packages).
 *
 * @example
 * copyFiles: copyFilesFor(Object.values(docsPageFiles)) // [{ from: "node_modules/swagger-ui-dist/swagger-ui.css", to: "swagger-ui.css" }, ...]
 */
export function copyFilesFor(files: readonly ShippedFile[]): { from: string; to: string }[] {
  return files.map((f) => ({ from: `node_modules/${f.package}/${f.file}`, to: f.file }));
}
