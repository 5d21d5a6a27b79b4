/**
 * How every Lambda function's code is bundled (SST's `nodejs` function options). Infra passes these to
 * SST, and the cold-start benchmark bundles with the same values, so what it measures is what deploys.
 *
 * - `format: "esm"`, `minify: true`, `esbuild.keepNames: true`: SST's defaults, stated so the benchmark
 *   cannot drift from them (SST keeps function and class names unless told otherwise).
 * - `splitting: true`: every dynamic `import()` becomes a chunk of its own that is loaded only when that
 *   code path runs. The AWS SDK's credential chain imports its SSO, STS, INI-file and instance-metadata
 *   providers that way (Lambda always takes the first link, environment variables), and the HTTP services
 *   load their OpenAPI document (and the API its docs page) that way; without splitting, all of it is
 *   parsed and, for `node:http`, imported on every cold start.
 */
export const lambdaBundling = {
  format: "esm",
  minify: true,
  splitting: true,
  esbuild: { keepNames: true },
} as const;
