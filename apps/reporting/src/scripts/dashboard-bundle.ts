import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { dashboardScriptFile } from "../adapters/dashboard-assets";

const entry = join(import.meta.dirname, "..", "http", "dashboard", "browser", "main.ts");
const packageRoot = join(import.meta.dirname, "..", "..");

/**
 * The browser code as one classic script: an IIFE (the page loads it with `<script src defer>`, the CSP
 * allowing scripts from 'self' only), ES2020 for the browsers the dashboard supports, Chart.js left to the
 * global its UMD build defines (the browser code imports only its types). The output starts with
 * `"use strict"` because the browser tsconfig is strict (esbuild follows its `alwaysStrict`).
 */
export async function bundleDashboardScript(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild wrote no dashboard script");
  return output.text;
}

/**
 * Bundles the browser code into `generated/dashboard.js` and returns its path. Written to a temporary name and
 * renamed, so a server reading it never sees half a file.
 */
export async function writeDashboardScript(): Promise<string> {
  const path = join(packageRoot, dashboardScriptFile.file);
  const text = await bundleDashboardScript();
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
  return path;
}
